package io.etlrecovery.recovery;

/**
 * Produces a substitute result when a call failed after its retries or its circuit breaker is open (for example a
 * cached value or a default). Used only for failures whose category says QUARANTINE and for open breakers; a
 * failure that stops the run (CONFIGURATION, SYSTEM by default) is never hidden by a fallback.
 *
 * <p>A fallback that throws is logged; the call then ends as if there were no fallback (the fallback's exception
 * is added as suppressed to the call's).
 *
 * @param <T> the call's result type
 */
@FunctionalInterface
public interface Fallback<T> {

    /** The substitute result. */
    T apply(FailureInfo failure) throws Exception;
}
