package io.etlrecovery.recovery.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt of a call within a failure episode. Immutable.
 *
 * @param attempt            1 for the first attempt
 * @param delayBeforeMillis  how long was waited before this attempt (backoff or waiting for a half-open
 *                           breaker); 0 for the first
 * @param outcome            whether the attempt failed or succeeded
 * @param exceptionClass     the exception's class name, or {@code null} when it succeeded
 * @param message            the exception's redacted message, or {@code null} when it succeeded
 * @param at                 when the attempt ended
 */
public record AttemptRecord(int attempt, long delayBeforeMillis, Outcome outcome, String exceptionClass,
                            String message, Instant at) {

    /** How one attempt ended. */
    public enum Outcome {
        FAILED, SUCCEEDED
    }

    public AttemptRecord {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
    }
}
