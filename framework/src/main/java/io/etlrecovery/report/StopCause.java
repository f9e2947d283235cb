package io.etlrecovery.report;

import java.time.Instant;

/**
 * Why runs of a pipeline stopped: runs grouped by their stop category and their normalized stop reason (numbers,
 * ids and paths replaced by placeholders, so "failed 12% of 1000 records" and "failed 15% of 2000 records" group).
 *
 * @param pipeline      the pipeline
 * @param category      the stop category (e.g. CONFIGURATION), or {@code null}
 * @param reason        the normalized reason
 * @param exampleReason the latest run's reason as recorded
 * @param runs          runs that stopped so
 * @param lastAt        when the latest of them ended
 */
public record StopCause(String pipeline, String category, String reason, String exampleReason, long runs,
                        Instant lastAt) {
}
