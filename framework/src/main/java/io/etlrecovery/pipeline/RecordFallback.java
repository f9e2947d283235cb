package io.etlrecovery.pipeline;

import io.etlrecovery.recovery.FailureInfo;

/**
 * A processor's substitute result for one record, used when the processor failed after its retries or its circuit
 * breaker is open (for example: the record converted with the last known rate). Unlike a call's
 * {@link io.etlrecovery.recovery.Fallback}, it receives the record the processor was given. The same rules apply:
 * it is used for failures whose policy quarantines and for open breakers, never to hide a failure that stops the
 * run; each use is recorded in RECOVERY_ACTIONS; if it throws, the record is handled as if there were no fallback.
 *
 * @param <I> the processor's input
 * @param <O> the processor's output
 */
@FunctionalInterface
public interface RecordFallback<I, O> {

    /** The substitute result for {@code input}. */
    O apply(I input, FailureInfo failure) throws Exception;
}
