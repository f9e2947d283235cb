package io.etlrecovery.recovery;

import java.util.Objects;

/**
 * How failures of one {@link ErrorCategory} are handled. Immutable.
 *
 * @param retry       how often and when to try again ({@link RetryPolicy#none()} for never)
 * @param onExhausted what happens when no attempt is left
 * @param escalate    whether a person is alerted: when the run stops for this category, a CRITICAL
 *                    {@code RUN_STOPPED} alert is sent; in every case an {@code ESCALATED} action is recorded
 */
public record CategoryPolicy(RetryPolicy retry, OnExhausted onExhausted, boolean escalate) {
    public CategoryPolicy {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(onExhausted, "onExhausted");
    }

    /** This policy with another retry policy. */
    public CategoryPolicy withRetry(RetryPolicy retry) {
        return new CategoryPolicy(retry, onExhausted, escalate);
    }

    /** This policy with another {@code onExhausted}. */
    public CategoryPolicy withOnExhausted(OnExhausted onExhausted) {
        return new CategoryPolicy(retry, onExhausted, escalate);
    }

    /** This policy with another {@code escalate}. */
    public CategoryPolicy withEscalate(boolean escalate) {
        return new CategoryPolicy(retry, onExhausted, escalate);
    }
}
