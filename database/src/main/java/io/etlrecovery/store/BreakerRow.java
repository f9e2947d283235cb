package io.etlrecovery.store;

import java.time.Instant;

/** One row of CIRCUIT_BREAKER_STATES: the persisted state of a named circuit breaker. */
public record BreakerRow(String breakerName, String state, int consecutiveFailures, long failureCount,
                         long successCount, int trialCalls, Instant openedAt, Instant nextTrialAt,
                         Instant updatedAt) {
}
