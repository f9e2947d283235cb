package io.etlrecovery.report;

import java.time.Duration;
import java.time.LocalDate;

/**
 * How a pipeline fared on one UTC day.
 *
 * @param pipeline            the pipeline
 * @param day                 the day (UTC)
 * @param runs                runs that ended that day
 * @param failedRuns          of those, runs that did not succeed
 * @param failureRate         {@code failedRuns / runs}, 0 without runs
 * @param records             records read by batches committed that day
 * @param failedRecords       of those, quarantined
 * @param recordFailureRate   {@code failedRecords / records}, 0 without records
 * @param retriedFailures     failure episodes that day that were retried or fell back
 * @param recoveredFailures   of those, recovered by a retry or a fallback
 * @param recoverySuccessRate {@code recoveredFailures / retriedFailures}, {@code null} without retried failures
 * @param mttr                mean time to recovery of the incidents that ended that day, {@code null} if none
 * @param topStopCause        the most common stop cause of the runs that ended that day, {@code null} if none
 */
public record DayFailures(String pipeline, LocalDate day, long runs, long failedRuns, double failureRate, long records,
                          long failedRecords, double recordFailureRate, long retriedFailures, long recoveredFailures,
                          Double recoverySuccessRate, Duration mttr, String topStopCause) {
}
