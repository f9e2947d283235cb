package io.etlrecovery.report;

import java.time.Instant;

/**
 * One run in failure analysis.
 *
 * @param pipeline          the pipeline
 * @param runId             the run
 * @param status            its status now (RUNNING, SUCCEEDED, FAILED, STOPPED, ABANDONED, ROLLED_BACK)
 * @param failed            whether it ended without succeeding
 * @param startedAt         when it started
 * @param endedAt           when it ended; {@code null} while it runs
 * @param resumeCount       how many times it was resumed
 * @param recordsRead       records it read, over all its resumes
 * @param recordsQuarantined of those, quarantined
 * @param recordFailureRate {@code recordsQuarantined / recordsRead}, 0 without records
 * @param retries           retries it made
 * @param stopCategory      why it stopped (the failure's category), or {@code null}
 * @param stopReason        why it stopped, or {@code null}
 */
public record RunFailures(String pipeline, long runId, String status, boolean failed, Instant startedAt,
                          Instant endedAt, int resumeCount, long recordsRead, long recordsQuarantined,
                          double recordFailureRate, long retries, String stopCategory, String stopReason) {
}
