package io.etlrecovery.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * FAILURE_ANALYSIS (computed rows, written as idempotent upserts keyed by pipeline, period kind and period
 * start), and the aggregate reads of ERROR_DETAILS and RECOVERY_ACTIONS that failure analysis needs. Attach it
 * with {@code session.attach(AnalysisRepository.class)}.
 */
@RegisterConstructorMapper(AnalysisRow.class)
public interface AnalysisRepository {

    String COLUMNS = "PIPELINE, PERIOD_KIND, PERIOD_START, PERIOD_END, RUN_ID, RUNS_TOTAL, RUNS_FAILED, RECORDS_TOTAL, "
            + "RECORDS_FAILED, FAILURE_RATE, TREND, MTTR_SECONDS, RECOVERY_SUCCESS_RATE, TOP_STOP_CAUSE, RETRIED_FAILURES, "
            + "RECOVERED_FAILURES, COMPUTED_AT";

    @SqlBatch("UPDATE FAILURE_ANALYSIS SET PERIOD_END = :periodEnd, RUN_ID = :runId, RUNS_TOTAL = :runsTotal, "
            + "RUNS_FAILED = :runsFailed, RECORDS_TOTAL = :recordsTotal, RECORDS_FAILED = :recordsFailed, "
            + "FAILURE_RATE = :failureRate, TREND = :trend, MTTR_SECONDS = :mttrSeconds, "
            + "RECOVERY_SUCCESS_RATE = :recoverySuccessRate, TOP_STOP_CAUSE = :topStopCause, "
            + "RETRIED_FAILURES = :retriedFailures, RECOVERED_FAILURES = :recoveredFailures, COMPUTED_AT = :computedAt "
            + "WHERE PIPELINE = :pipeline AND PERIOD_KIND = :periodKind AND PERIOD_START = :periodStart")
    int[] update(@BindMethods List<AnalysisRow> rows);

    @SqlBatch("INSERT INTO FAILURE_ANALYSIS (" + COLUMNS + ") VALUES (:pipeline, :periodKind, :periodStart, :periodEnd, "
            + ":runId, :runsTotal, :runsFailed, :recordsTotal, :recordsFailed, :failureRate, :trend, :mttrSeconds, "
            + ":recoverySuccessRate, :topStopCause, :retriedFailures, :recoveredFailures, :computedAt)")
    void insert(@BindMethods List<AnalysisRow> rows);

    /** Writes the rows (one JDBC batch of updates, then one of inserts for the rows that were new). */
    default void save(List<AnalysisRow> rows) {
        if (rows.isEmpty()) return;
        int[] updated = update(rows);
        List<AnalysisRow> fresh = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) if (updated[i] == 0) fresh.add(rows.get(i));
        if (!fresh.isEmpty()) insert(fresh);
    }

    /** Rows of one kind whose period starts in {@code [from, to)}, of a pipeline or all, oldest first. */
    @SqlQuery("SELECT " + COLUMNS + " FROM FAILURE_ANALYSIS WHERE (:pipeline IS NULL OR PIPELINE = :pipeline) "
            + "AND PERIOD_KIND = :kind AND PERIOD_START >= :from AND PERIOD_START < :to ORDER BY PERIOD_START, PIPELINE")
    List<AnalysisRow> rows(@Bind("pipeline") String pipeline, @Bind("kind") String kind, @Bind("from") Instant from,
                           @Bind("to") Instant to);

    /**
     * Per pipeline, the failure episodes in {@code [from, to)} that were retried (more than one attempt) or fell
     * back, and how many of them a retry or a fallback recovered (outcome RECOVERED or FALLBACK_USED).
     */
    @SqlQuery("SELECT PIPELINE, COUNT(*) AS RETRIED, "
            + "SUM(CASE WHEN OUTCOME IN ('RECOVERED', 'FALLBACK_USED') THEN 1 ELSE 0 END) AS RECOVERED "
            + "FROM ERROR_DETAILS WHERE OCCURRED_AT >= :from AND OCCURRED_AT < :to "
            + "AND (ATTEMPTS > 1 OR OUTCOME = 'FALLBACK_USED') AND PIPELINE IS NOT NULL "
            + "AND (:pipeline IS NULL OR PIPELINE = :pipeline) GROUP BY PIPELINE")
    @RegisterConstructorMapper(RecoveryCount.class)
    List<RecoveryCount> recoveryCounts(@Bind("pipeline") String pipeline, @Bind("from") Instant from,
                                       @Bind("to") Instant to);

    /** RUN_STOPPED recovery actions in {@code [from, to)}: stops of runs that may have been resumed since. */
    @SqlQuery("SELECT RUN_ID, PIPELINE, CREATED_AT FROM RECOVERY_ACTIONS WHERE ACTION = 'RUN_STOPPED' "
            + "AND PIPELINE IS NOT NULL AND (:pipeline IS NULL OR PIPELINE = :pipeline) "
            + "AND CREATED_AT >= :from AND CREATED_AT < :to ORDER BY CREATED_AT")
    @RegisterConstructorMapper(StopEvent.class)
    List<StopEvent> runStops(@Bind("pipeline") String pipeline, @Bind("from") Instant from, @Bind("to") Instant to);

    @SqlUpdate("DELETE FROM FAILURE_ANALYSIS WHERE PERIOD_START < :before")
    int deleteOlderThan(@Bind("before") Instant before);

    /** A pipeline's retried-or-fallen-back failure episodes and how many were recovered. */
    record RecoveryCount(String pipeline, long retried, long recovered) {
    }

    /** A run stop recorded as a recovery action. */
    record StopEvent(Long runId, String pipeline, Instant createdAt) {
    }
}
