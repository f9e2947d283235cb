package io.etlrecovery.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * ERROR_BUDGET (policies and hourly snapshots), and the narrow reads of CHECKPOINTS and PIPELINE_RUNS that
 * error budgets are computed from. Attach it with {@code session.attach(BudgetRepository.class)}.
 *
 * <p>Writes are idempotent upserts: saving the same policy or snapshot twice leaves one row with the last values.
 */
@RegisterConstructorMapper(BudgetPolicyRow.class)
@RegisterConstructorMapper(BudgetSnapshotRow.class)
public interface BudgetRepository {

    /** The PERIOD_START of every POLICY row, so that the unique key (PIPELINE, ROW_KIND, PERIOD_START) holds one. */
    Instant POLICY_PERIOD_START = Instant.EPOCH;

    @SqlQuery("SELECT PIPELINE, RECORD_SLO, RUN_SLO, WINDOW_DAYS, COMPUTED_AT FROM ERROR_BUDGET "
            + "WHERE ROW_KIND = 'POLICY' AND PIPELINE = :pipeline")
    Optional<BudgetPolicyRow> policy(@Bind("pipeline") String pipeline);

    @SqlQuery("SELECT PIPELINE, RECORD_SLO, RUN_SLO, WINDOW_DAYS, COMPUTED_AT FROM ERROR_BUDGET "
            + "WHERE ROW_KIND = 'POLICY' ORDER BY PIPELINE")
    List<BudgetPolicyRow> policies();

    @SqlUpdate("UPDATE ERROR_BUDGET SET RECORD_SLO = :recordSlo, RUN_SLO = :runSlo, WINDOW_DAYS = :windowDays, "
            + "COMPUTED_AT = :computedAt WHERE PIPELINE = :pipeline AND ROW_KIND = 'POLICY'")
    int updatePolicy(@BindMethods BudgetPolicyRow row);

    @SqlUpdate("INSERT INTO ERROR_BUDGET (PIPELINE, ROW_KIND, RECORD_SLO, RUN_SLO, WINDOW_DAYS, PERIOD_START, "
            + "COMPUTED_AT) VALUES (:pipeline, 'POLICY', :recordSlo, :runSlo, :windowDays, :start, :computedAt)")
    int insertPolicy(@BindMethods BudgetPolicyRow row, @Bind("start") Instant start);

    /** Writes a pipeline's policy, inserting it the first time. */
    default void savePolicy(BudgetPolicyRow row) {
        if (updatePolicy(row) == 0) insertPolicy(row, POLICY_PERIOD_START);
    }

    @SqlUpdate("DELETE FROM ERROR_BUDGET WHERE PIPELINE = :pipeline AND ROW_KIND = 'POLICY'")
    int deletePolicy(@Bind("pipeline") String pipeline);

    /** A pipeline's snapshots whose period starts in {@code [from, to)}, oldest first. */
    @SqlQuery("SELECT PIPELINE, PERIOD_START, PERIOD_END, RECORDS_TOTAL, RECORDS_FAILED, RUNS_TOTAL, RUNS_FAILED, "
            + "COMPUTED_AT FROM ERROR_BUDGET WHERE PIPELINE = :pipeline AND ROW_KIND = 'SNAPSHOT' "
            + "AND PERIOD_START >= :from AND PERIOD_START < :to ORDER BY PERIOD_START")
    List<BudgetSnapshotRow> snapshots(@Bind("pipeline") String pipeline, @Bind("from") Instant from,
                                      @Bind("to") Instant to);

    @SqlBatch("UPDATE ERROR_BUDGET SET PERIOD_END = :periodEnd, RECORDS_TOTAL = :recordsTotal, "
            + "RECORDS_FAILED = :recordsFailed, RUNS_TOTAL = :runsTotal, RUNS_FAILED = :runsFailed, "
            + "COMPUTED_AT = :computedAt WHERE PIPELINE = :pipeline AND ROW_KIND = 'SNAPSHOT' "
            + "AND PERIOD_START = :periodStart")
    int[] updateSnapshots(@BindMethods List<BudgetSnapshotRow> rows);

    @SqlBatch("INSERT INTO ERROR_BUDGET (PIPELINE, ROW_KIND, PERIOD_START, PERIOD_END, RECORDS_TOTAL, RECORDS_FAILED, "
            + "RUNS_TOTAL, RUNS_FAILED, COMPUTED_AT) VALUES (:pipeline, 'SNAPSHOT', :periodStart, :periodEnd, "
            + ":recordsTotal, :recordsFailed, :runsTotal, :runsFailed, :computedAt)")
    void insertSnapshots(@BindMethods List<BudgetSnapshotRow> rows);

    /** Writes the snapshots (one JDBC batch of updates, then one of inserts for the rows that were new). */
    default void saveSnapshots(List<BudgetSnapshotRow> rows) {
        if (rows.isEmpty()) return;
        int[] updated = updateSnapshots(rows);
        List<BudgetSnapshotRow> fresh = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) if (updated[i] == 0) fresh.add(rows.get(i));
        if (!fresh.isEmpty()) insertSnapshots(fresh);
    }

    @SqlUpdate("DELETE FROM ERROR_BUDGET WHERE ROW_KIND = 'SNAPSHOT' AND PERIOD_START < :before")
    int deleteSnapshotsBefore(@Bind("before") Instant before);

    /** Records read and quarantined by a pipeline's batches committed in {@code [from, to)}. */
    @SqlQuery("SELECT COALESCE(SUM(BATCH_RECORDS), 0) AS RECORDS, COALESCE(SUM(BATCH_QUARANTINED), 0) AS QUARANTINED "
            + "FROM CHECKPOINTS WHERE PIPELINE = :pipeline AND CREATED_AT >= :from AND CREATED_AT < :to")
    @RegisterConstructorMapper(RecordCounts.class)
    RecordCounts recordCounts(@Bind("pipeline") String pipeline, @Bind("from") Instant from, @Bind("to") Instant to);

    /** The per-batch counts of a pipeline's batches committed in {@code [from, to)}, to bucket by hour. */
    @SqlQuery("SELECT CREATED_AT, BATCH_RECORDS, BATCH_QUARANTINED FROM CHECKPOINTS WHERE PIPELINE = :pipeline "
            + "AND CREATED_AT >= :from AND CREATED_AT < :to")
    @RegisterConstructorMapper(BatchCount.class)
    List<BatchCount> batchCounts(@Bind("pipeline") String pipeline, @Bind("from") Instant from, @Bind("to") Instant to);

    /**
     * The runs of a pipeline that ended in {@code [from, to)}: every run not RUNNING, at its ENDED_AT (its last
     * heartbeat when a status change left ENDED_AT empty).
     */
    @SqlQuery("SELECT RUN_ID, STATUS, COALESCE(ENDED_AT, HEARTBEAT_AT) AS ENDED_AT FROM PIPELINE_RUNS "
            + "WHERE PIPELINE = :pipeline AND STATUS <> 'RUNNING' AND COALESCE(ENDED_AT, HEARTBEAT_AT) >= :from "
            + "AND COALESCE(ENDED_AT, HEARTBEAT_AT) < :to ORDER BY RUN_ID")
    @RegisterConstructorMapper(RunOutcome.class)
    List<RunOutcome> runOutcomes(@Bind("pipeline") String pipeline, @Bind("from") Instant from, @Bind("to") Instant to);

    /** When the pipeline's first run started; empty when it never ran. */
    @SqlQuery("SELECT STARTED_AT FROM PIPELINE_RUNS WHERE PIPELINE = :pipeline ORDER BY STARTED_AT "
            + "FETCH FIRST 1 ROWS ONLY")
    Optional<Instant> firstRunStart(@Bind("pipeline") String pipeline);

    /** Every pipeline that has a run or a budget policy, in name order. */
    @SqlQuery("SELECT PIPELINE FROM PIPELINE_RUNS UNION SELECT PIPELINE FROM ERROR_BUDGET WHERE ROW_KIND = 'POLICY' "
            + "ORDER BY PIPELINE")
    List<String> pipelines();

    /** Records and quarantined records summed over some batches. */
    record RecordCounts(long records, long quarantined) {
    }

    /** One committed batch's record counts. */
    record BatchCount(Instant createdAt, long batchRecords, long batchQuarantined) {
    }

    /** A finished run: its status and when it ended. */
    record RunOutcome(long runId, String status, Instant endedAt) {
    }
}
