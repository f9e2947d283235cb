package io.etlrecovery.recovery;

import java.time.Instant;
import java.util.Objects;

/**
 * Something a person should know about now. Immutable.
 *
 * @param level    how urgent
 * @param kind     what happened
 * @param pipeline the pipeline, or {@code null} outside a pipeline
 * @param runId    the run, or {@code null}
 * @param message  a one-line description, already redacted
 * @param at       when
 */
public record Alert(Level level, Kind kind, String pipeline, Long runId, String message, Instant at) {

    /** How urgent an alert is. */
    public enum Level {
        /** Look at it soon. */
        WARNING,
        /** Look at it now. */
        CRITICAL
    }

    /** What an alert is about. */
    public enum Kind {
        /** A run stopped because of a failure that needs a person (configuration, system). */
        RUN_STOPPED,
        /** A run's error budget was exceeded. */
        ERROR_THRESHOLD,
        /** A circuit breaker opened: a dependency is failing. */
        BREAKER_OPENED,
        /** The share of failing records over a time window crossed a threshold. */
        ERROR_RATE
    }

    public Alert {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }
}
