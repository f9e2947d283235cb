package io.etlrecovery.report;

import java.time.Duration;
import java.util.List;

/**
 * Failure analysis of one pipeline over the report's period.
 *
 * <p>Definitions: a run counts on the day it ended, and fails when it did not succeed (FAILED, STOPPED, ABANDONED,
 * ROLLED_BACK); RUNNING runs are listed but not counted. {@code trend} compares the run failure rate of the
 * second half of the days with the first half's (the middle day of an odd count is left out) by
 * {@link Trend#ofRates}. An <em>incident</em> starts at the first failure after a success (or the first failure
 * in the period) — a run ending unsuccessfully, or a RUN_STOPPED recovery action (which also catches runs that
 * were stopped and then resumed) — and ends when a run of the pipeline next succeeds; consecutive failures belong
 * to one incident. {@code mttr} is the mean duration of the incidents that ended. The recovery success rate is the
 * failure episodes recovered by a retry or a fallback (outcome RECOVERED or FALLBACK_USED) over those that were
 * retried (more than one attempt) or fell back.
 *
 * @param pipeline            the pipeline
 * @param runs                runs that ended in the period
 * @param failedRuns          of those, runs that did not succeed
 * @param failureRate         {@code failedRuns / runs}, 0 without runs
 * @param records             records read in the period
 * @param failedRecords       of those, quarantined
 * @param recordFailureRate   {@code failedRecords / records}, 0 without records
 * @param trend               the run failure rate's trend over the period
 * @param firstHalfFailureRate  the run failure rate over the first half of the days
 * @param secondHalfFailureRate the run failure rate over the second half of the days
 * @param incidents           incidents that started in the period
 * @param unresolvedIncidents of those, incidents not yet ended by a successful run (0 or 1)
 * @param mttr                mean time to recovery of the ended incidents, {@code null} if none ended
 * @param retriedFailures     failure episodes retried or fallen back
 * @param recoveredFailures   of those, recovered
 * @param recoverySuccessRate {@code recoveredFailures / retriedFailures}, {@code null} without retried failures
 * @param stopCauses          the most common stop causes, most frequent first
 * @param days                one entry per UTC day of the period, oldest first
 * @param recentRuns          the newest runs (at most the query's {@code maxRuns}), newest first
 */
public record PipelineFailures(String pipeline, long runs, long failedRuns, double failureRate, long records,
                               long failedRecords, double recordFailureRate, Trend trend, double firstHalfFailureRate,
                               double secondHalfFailureRate, long incidents, long unresolvedIncidents, Duration mttr,
                               long retriedFailures, long recoveredFailures, Double recoverySuccessRate,
                               List<StopCause> stopCauses, List<DayFailures> days, List<RunFailures> recentRuns) {

    public PipelineFailures {
        stopCauses = List.copyOf(stopCauses);
        days = List.copyOf(days);
        recentRuns = List.copyOf(recentRuns);
    }
}
