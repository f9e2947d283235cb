package io.etlrecovery.recovery;

import java.util.Objects;

/**
 * The result of {@link ErrorRecoveryManager#attempt}: the call succeeded (perhaps after retries), a fallback
 * replaced it, or it failed with a {@link Decision}. Immutable.
 *
 * @param <T> the call's result type
 */
public sealed interface CallOutcome<T> {

    /** How many times the call was actually made (0 if an open breaker refused it before the first attempt). */
    int attempts();

    /**
     * The call succeeded.
     *
     * @param value    its result (may be null)
     * @param attempts 1 on the first try; more means it was retried
     */
    record Succeeded<T>(T value, int attempts) implements CallOutcome<T> {
        /** Whether the success needed retries. */
        public boolean retried() {
            return attempts > 1;
        }
    }

    /**
     * The call failed (or its breaker was open) and the fallback's value replaced it.
     *
     * @param value   the fallback's result
     * @param failure what the fallback was told
     */
    record FellBack<T>(T value, FailureInfo failure) implements CallOutcome<T> {
        public FellBack {
            Objects.requireNonNull(failure, "failure");
        }

        @Override
        public int attempts() {
            return failure.attempts();
        }
    }

    /**
     * The call failed for good.
     *
     * @param decision       what the runner must do
     * @param classification how the last error was classified (TRANSIENT / CIRCUIT_OPEN for a refusal)
     * @param lastError      the last exception ({@link CircuitOpenException} for {@link Decision#CIRCUIT_OPEN_STOP})
     * @param attempts       how many times the call was actually made
     */
    record Failed<T>(Decision decision, Classification classification, Throwable lastError, int attempts)
            implements CallOutcome<T> {
        public Failed {
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(classification, "classification");
            Objects.requireNonNull(lastError, "lastError");
        }
    }
}
