package io.etlrecovery.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import java.sql.Types;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** CHECKPOINTS: one row per committed batch; the latest per (run, step) is where a resume starts. */
@RegisterConstructorMapper(CheckpointRow.class)
public interface CheckpointRepository extends SqlObject {

    String COLUMNS = "CHECKPOINT_ID, RUN_ID, PIPELINE, STEP_NAME, STEP_INDEX, BATCH_NUMBER, STEP_STATUS, BATCH_RECORDS, "
            + "BATCH_LOADED, BATCH_QUARANTINED, BATCH_FILTERED, BATCH_RETRIES, RECORDS_PROCESSED, RECORDS_LOADED, "
            + "RECORDS_QUARANTINED, LAST_RECORD_NUMBER, LAST_POSITION, PROGRESS_DATA, CREATED_AT";

    /** Inserts one checkpoint. */
    default void insert(CheckpointRow c) {
        BatchStatements.executeUpdate(getHandle(), "INSERT INTO CHECKPOINTS (RUN_ID, PIPELINE, STEP_NAME, STEP_INDEX, "
                + "BATCH_NUMBER, STEP_STATUS, BATCH_RECORDS, BATCH_LOADED, BATCH_QUARANTINED, BATCH_FILTERED, "
                + "BATCH_RETRIES, RECORDS_PROCESSED, RECORDS_LOADED, RECORDS_QUARANTINED, LAST_RECORD_NUMBER, "
                + "LAST_POSITION, PROGRESS_DATA, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new int[] {Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.BIGINT, Types.VARCHAR,
                    Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT,
                    Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP},
                c.runId(), c.pipeline(), c.stepName(), c.stepIndex(), c.batchNumber(), c.stepStatus(),
                c.batchRecords(), c.batchLoaded(), c.batchQuarantined(), c.batchFiltered(), c.batchRetries(),
                c.recordsProcessed(), c.recordsLoaded(), c.recordsQuarantined(), c.lastRecordNumber(),
                c.lastPosition(), c.progressData(), c.createdAt());
    }

    /** The latest checkpoint of one step of a run. */
    @SqlQuery("SELECT " + COLUMNS + " FROM CHECKPOINTS WHERE RUN_ID = :runId AND STEP_NAME = :step "
            + "ORDER BY BATCH_NUMBER DESC FETCH FIRST 1 ROWS ONLY")
    Optional<CheckpointRow> latest(@Bind("runId") long runId, @Bind("step") String step);

    /** The latest checkpoint of each step of a run, in step order. */
    @SqlQuery("SELECT " + COLUMNS + " FROM CHECKPOINTS c WHERE RUN_ID = :runId AND BATCH_NUMBER = "
            + "(SELECT MAX(BATCH_NUMBER) FROM CHECKPOINTS m WHERE m.RUN_ID = c.RUN_ID AND m.STEP_NAME = c.STEP_NAME) "
            + "ORDER BY STEP_INDEX")
    List<CheckpointRow> latestPerStep(@Bind("runId") long runId);

    /** Per-batch rows of a pipeline (or all) created in {@code [from, to)}: time-bucketed record counts. */
    @SqlQuery("SELECT " + COLUMNS + " FROM CHECKPOINTS WHERE (:pipeline IS NULL OR PIPELINE = :pipeline) "
            + "AND CREATED_AT >= :from AND CREATED_AT < :to ORDER BY CREATED_AT")
    List<CheckpointRow> between(@Bind("pipeline") String pipeline, @Bind("from") Instant from, @Bind("to") Instant to);

    @SqlUpdate("DELETE FROM CHECKPOINTS WHERE RUN_ID = :runId")
    int deleteForRun(@Bind("runId") long runId);
}
