package io.etlrecovery.recovery.spi;

import io.etlrecovery.recovery.ErrorContext;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing the recovery machinery did. Immutable; the detail is already redacted.
 *
 * @param context where
 * @param action  what
 * @param target  what it was done to (a breaker's name, a step), or {@code null}
 * @param detail  a short redacted explanation
 * @param at      when
 */
public record RecoveryActionRecord(ErrorContext context, Action action, String target, String detail, Instant at) {

    /** The recovery actions. */
    public enum Action {
        RETRIED_AND_SUCCEEDED, RETRIES_EXHAUSTED, QUARANTINED, FALLBACK_USED, BREAKER_OPENED, BREAKER_HALF_OPENED,
        BREAKER_CLOSED, RUN_STOPPED, RUN_RESUMED, ESCALATED
    }

    public RecoveryActionRecord {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
        detail = detail == null ? "" : detail;
    }
}
