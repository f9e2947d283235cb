package io.etlrecovery.store;

import java.time.Instant;

/**
 * One row of QUARANTINED_RECORDS: a record that failed, with its raw text (never redacted: reprocessing needs
 * it), its parsed fields as JSON, and why it failed. Status is QUARANTINED, REPROCESSED or DISCARDED.
 */
public record QuarantineRow(Long quarantineId, long runId, String pipeline, String stepName, Long batchNumber,
                            Long recordNumber, Long lineNumber, String recordKey, String sourceRef,
                            String rawRecord, String parsedRecord, Long errorId, String exceptionClass,
                            String errorMessage, String category, String errorType, String fingerprint,
                            int attempts, String status, Long reprocessedRunId, String discardReason,
                            Instant quarantinedAt, Instant updatedAt) {

    public static final String QUARANTINED = "QUARANTINED";
    public static final String REPROCESSED = "REPROCESSED";
    public static final String DISCARDED = "DISCARDED";

    /** This row with another {@link #quarantineId()}: the existing row a reprocessed record's new failure updates. */
    public QuarantineRow withQuarantineId(Long id) {
        return new QuarantineRow(id, runId, pipeline, stepName, batchNumber, recordNumber, lineNumber,
                recordKey, sourceRef, rawRecord, parsedRecord, errorId, exceptionClass, errorMessage, category,
                errorType, fingerprint, attempts, status, reprocessedRunId, discardReason, quarantinedAt,
                updatedAt);
    }
}
