package io.etlrecovery.samples.orders;

import java.io.IOException;

/**
 * The simulated FX-rate service did not answer (an outage or a transient failure). Its message says "service
 * unavailable" (HTTP 503), so the default classifier takes it for a TRANSIENT failure: retried, counted against the
 * {@code fx-rates} circuit breaker, never a reason to quarantine a record.
 */
public class FxServiceUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    public FxServiceUnavailableException(String message) {
        super(message);
    }
}
