package io.etlrecovery.recovery;

import java.time.Instant;
import java.util.Objects;

/**
 * One state change of a {@link CircuitBreaker}. Immutable.
 *
 * @param name                the breaker's name
 * @param from                the state before
 * @param to                  the state after
 * @param at                  when it happened (the breaker's clock)
 * @param reason              why, in a short sentence (for example "3 consecutive failures")
 * @param consecutiveFailures consecutive failures when it happened
 * @param failureCount        failures counted in the state that ended
 * @param successCount        successes counted in the state that ended
 */
public record BreakerTransition(String name, CircuitBreaker.State from, CircuitBreaker.State to, Instant at,
                                String reason, int consecutiveFailures, int failureCount, int successCount) {
    public BreakerTransition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
    }
}
