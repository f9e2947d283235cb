package io.etlrecovery.store;

import java.time.Instant;

/**
 * One row of FAILURE_ANALYSIS: how a pipeline fared in one period, a UTC day ({@code DAY}) or one run
 * ({@code RUN}). Unknown values are {@code null}.
 *
 * @param pipeline            the pipeline
 * @param periodKind          {@code DAY} or {@code RUN}
 * @param periodStart         the day's start, or the run's start
 * @param periodEnd           the day's end, or the run's end (its last heartbeat while it runs)
 * @param runId               the run, for a {@code RUN} row
 * @param runsTotal           runs that ended in the period
 * @param runsFailed          of those, runs that did not succeed
 * @param recordsTotal        records read in the period
 * @param recordsFailed       of those, records quarantined
 * @param failureRate         failed runs / runs for a day; failed records / records for a run
 * @param trend               RISING, STEADY, FALLING or NEW, where computed
 * @param mttrSeconds         mean time to recovery of the incidents that ended in the period, in seconds
 * @param recoverySuccessRate failures recovered by a retry or a fallback / failures retried or fallen back
 * @param topStopCause        the most common stop cause in the period
 * @param computedAt          when the row was computed
 */
public record AnalysisRow(String pipeline, String periodKind, Instant periodStart, Instant periodEnd, Long runId,
                          long runsTotal, long runsFailed, long recordsTotal, long recordsFailed, double failureRate,
                          String trend, Long mttrSeconds, Double recoverySuccessRate, String topStopCause,
                          Instant computedAt) {

    public static final String DAY = "DAY";
    public static final String RUN = "RUN";
}
