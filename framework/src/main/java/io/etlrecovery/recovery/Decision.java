package io.etlrecovery.recovery;

/** The final decision about a call that failed and was not rescued by a retry or a fallback. */
public enum Decision {
    /** The record is bad or could not be processed: set it aside and go on. */
    QUARANTINE,
    /** The run must stop (configuration or system trouble). */
    STOP_RUN,
    /**
     * The dependency's circuit breaker is open: stop the run resumably and try later. The record is not at fault
     * and must not be quarantined.
     */
    CIRCUIT_OPEN_STOP
}
