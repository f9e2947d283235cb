package io.etlrecovery.store;

import java.time.Instant;

/**
 * One row of FAILURE_ANALYSIS: how a pipeline fared in one period, a UTC day ({@code DAY}) or one run
 * ({@code RUN}). Unknown values are {@code null}. A DAY row computed after its day was over (with a few minutes'
 * grace) holds that day's final error counts, which reports reuse instead of rescanning ERROR_DETAILS.
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
 * @param retriedFailures     failure episodes in the period that were retried or fell back (DAY rows)
 * @param recoveredFailures   of those, the ones recovered (DAY rows)
 * @param computedAt          when the row was computed
 */
public record AnalysisRow(String pipeline, String periodKind, Instant periodStart, Instant periodEnd, Long runId,
                          long runsTotal, long runsFailed, long recordsTotal, long recordsFailed, double failureRate,
                          String trend, Long mttrSeconds, Double recoverySuccessRate, String topStopCause,
                          Long retriedFailures, Long recoveredFailures, Instant computedAt) {

    /** PERIOD_KIND of a row about one UTC day. */
    public static final String DAY = "DAY";
    /** PERIOD_KIND of a row about one run. */
    public static final String RUN = "RUN";
}
