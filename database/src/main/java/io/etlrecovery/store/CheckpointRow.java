package io.etlrecovery.store;

import java.time.Instant;

/**
 * One row of CHECKPOINTS: the state of a step after one committed batch. The latest row of a (run, step)
 * says where to resume; the {@code batch*} columns are that batch's own counts, the others cumulative.
 */
public record CheckpointRow(long checkpointId, long runId, String pipeline, String stepName, int stepIndex,
                            long batchNumber, String stepStatus, long batchRecords, long batchLoaded,
                            long batchQuarantined, long batchFiltered, long batchRetries, long recordsProcessed,
                            long recordsLoaded, long recordsQuarantined, Long lastRecordNumber,
                            String lastPosition, String progressData, Instant createdAt) {

    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String COMPLETED = "COMPLETED";
}
