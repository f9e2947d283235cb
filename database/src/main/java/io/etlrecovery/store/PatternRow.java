package io.etlrecovery.store;

import java.time.Instant;

/** One row of ERROR_PATTERNS: a recurring failure shape of a pipeline, kept up to date as errors arrive. */
public record PatternRow(Long patternId, String pipeline, String fingerprint, String stepName, String category,
                         String errorType, String exceptionClass, String normalizedMessage,
                         String exampleMessage, long occurrences, Instant firstSeen, Instant lastSeen,
                         int runsAffected, Long lastRunId, String recommendedAction) {
}
