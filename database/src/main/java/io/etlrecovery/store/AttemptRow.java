package io.etlrecovery.store;

import java.time.Instant;

/** One row of RETRY_ATTEMPTS: one attempt of a failed call. {@code errorId} is set when it is stored. */
public record AttemptRow(Long attemptId, Long errorId, Long runId, int attemptNumber, long delayMs,
                         String outcome, String exceptionClass, String message, Instant attemptedAt) {
}
