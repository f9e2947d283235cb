package io.etlrecovery.quarantine;

import io.etlrecovery.EtlRecoveryException;

/**
 * A quarantine operation was refused or could not be done: an unknown quarantine id, a record of another
 * pipeline, a corrected export that cannot be read, a pipeline without a batch step. The message names the cause
 * and what to do; nothing was changed in the store when this is thrown.
 */
public class QuarantineException extends EtlRecoveryException {

    private static final long serialVersionUID = 1L;

    public QuarantineException(String message) {
        super(message);
    }

    public QuarantineException(String message, Throwable cause) {
        super(message, cause);
    }
}
