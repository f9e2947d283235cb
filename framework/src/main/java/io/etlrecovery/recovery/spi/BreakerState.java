package io.etlrecovery.recovery.spi;

import io.etlrecovery.recovery.CircuitBreaker;

import java.time.Instant;
import java.util.Objects;

/**
 * The persisted state of one named circuit breaker, as saved by a {@link BreakerStateStore} on every transition.
 * Immutable.
 *
 * <p>Counters describe the current state: in {@code CLOSED}, the failures (and, in failure-rate mode, the
 * successes) counted since the breaker closed or in its sliding window; in {@code OPEN}, the counts that opened it;
 * in {@code HALF_OPEN}, the outcomes of the trial calls. Counts recorded between transitions are not saved (that
 * would cost a store round trip per call), so after a restart a closed breaker starts counting afresh.
 *
 * @param name                the breaker's name (the dependency)
 * @param state               the state
 * @param consecutiveFailures failures since the last success
 * @param failureCount        failures counted in the current state (see above)
 * @param successCount        successes counted in the current state (see above)
 * @param trialCalls          trial calls let through while half-open
 * @param openedAt            when the breaker last opened, or {@code null} if it never did
 * @param nextTrialAt         when an open breaker lets a trial call through, or {@code null} when not open
 * @param updatedAt           when this state was reached
 */
public record BreakerState(String name, CircuitBreaker.State state, int consecutiveFailures, int failureCount,
                           int successCount, int trialCalls, Instant openedAt, Instant nextTrialAt,
                           Instant updatedAt) {
    public BreakerState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (state == CircuitBreaker.State.OPEN && nextTrialAt == null) {
            throw new IllegalArgumentException("nextTrialAt is required when state is OPEN");
        }
    }
}
