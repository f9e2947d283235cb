package io.etlrecovery.store;

import java.time.Instant;

/**
 * One row of ERROR_DETAILS: a failed call (a record's processing, a sink write, a task) and how it was
 * handled. Messages and stack digests are already redacted when a row is built.
 */
public record ErrorRow(Long errorId, Long runId, String pipeline, String stepName, Long batchNumber,
                       String recordPosition, Long recordNumber, String exceptionClass, String message,
                       String stackDigest, String category, String errorType, String severity,
                       boolean recoverable, String fingerprint, String recommendation, int attempts,
                       String outcome, Instant occurredAt) {
}
