package io.etlrecovery.recovery;

/**
 * What a call does when the circuit breaker of its dependency is open. In every case the call is not counted as a
 * failure of the record: it is never classified as {@link ErrorCategory#DATA} and never quarantined for it.
 */
public enum OpenCircuitBehaviour {
    /**
     * Wait (with the injected {@link Sleeper}) until the breaker lets a trial call through, then try; the total
     * wait per call is bounded by {@link CallOptions#maxWaitForHalfOpen()}, after which the run stops as with
     * {@link #STOP}.
     */
    WAIT,
    /** Use the call's fallback; without one, behave as {@link #STOP}. The default. */
    FALLBACK,
    /** Stop the run resumably ({@link Decision#CIRCUIT_OPEN_STOP}). */
    STOP
}
