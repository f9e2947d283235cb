package io.etlrecovery.store;

import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** PIPELINE_RUNS: creating runs, keeping their counters and heartbeat current, and finding them. */
@RegisterConstructorMapper(RunRow.class)
public interface RunRepository extends SqlObject {

    String COLUMNS = "RUN_ID, PIPELINE, STATUS, STARTED_AT, ENDED_AT, HEARTBEAT_AT, HOST, PID, INPUT_REF, "
            + "INPUT_FINGERPRINT, CURRENT_STEP, RECORDS_READ, RECORDS_LOADED, RECORDS_QUARANTINED, RECORDS_FILTERED, "
            + "RETRIES, BATCHES_COMMITTED, RESUME_COUNT, STOP_CATEGORY, STOP_REASON, PARAMETERS, VERSION";

    @SqlUpdate("INSERT INTO PIPELINE_RUNS (PIPELINE, STATUS, STARTED_AT, HEARTBEAT_AT, HOST, PID, INPUT_REF, "
            + "INPUT_FINGERPRINT, PARAMETERS) VALUES (:pipeline, 'RUNNING', :at, :at, :host, :pid, :inputRef, "
            + ":fingerprint, :parameters)")
    @GetGeneratedKeys
    long create(@Bind("pipeline") String pipeline, @Bind("at") Instant at, @Bind("host") String host,
                @Bind("pid") long pid, @Bind("inputRef") String inputRef, @Bind("fingerprint") String fingerprint,
                @Bind("parameters") String parameters);

    @SqlQuery("SELECT " + COLUMNS + " FROM PIPELINE_RUNS WHERE RUN_ID = :runId")
    Optional<RunRow> find(@Bind("runId") long runId);

    /** The newest runs first, optionally of one pipeline and status, started at or after {@code since}. */
    @SqlQuery("SELECT " + COLUMNS + " FROM PIPELINE_RUNS WHERE (:pipeline IS NULL OR PIPELINE = :pipeline) "
            + "AND (:status IS NULL OR STATUS = :status) AND STARTED_AT >= :since "
            + "ORDER BY RUN_ID DESC FETCH FIRST :limit ROWS ONLY")
    List<RunRow> list(@Bind("pipeline") String pipeline, @Bind("status") String status,
                      @Bind("since") Instant since, @Bind("limit") int limit);

    /** Runs that started or ended in {@code [from, to)}, oldest first: the input of run-based reports. */
    @SqlQuery("SELECT " + COLUMNS + " FROM PIPELINE_RUNS WHERE (:pipeline IS NULL OR PIPELINE = :pipeline) "
            + "AND STARTED_AT < :to AND (ENDED_AT IS NULL OR ENDED_AT >= :from) ORDER BY RUN_ID")
    List<RunRow> overlapping(@Bind("pipeline") String pipeline, @Bind("from") Instant from,
                             @Bind("to") Instant to);

    /** The newest run of a pipeline that has not finished (RUNNING, FAILED or STOPPED): the one to resume. */
    @SqlQuery("SELECT " + COLUMNS + " FROM PIPELINE_RUNS WHERE PIPELINE = :pipeline "
            + "AND STATUS IN ('RUNNING', 'FAILED', 'STOPPED') ORDER BY RUN_ID DESC FETCH FIRST 1 ROWS ONLY")
    Optional<RunRow> latestUnfinished(@Bind("pipeline") String pipeline);

    /** The newest successful run of a pipeline over input with this fingerprint. */
    @SqlQuery("SELECT " + COLUMNS + " FROM PIPELINE_RUNS WHERE PIPELINE = :pipeline AND INPUT_FINGERPRINT = :fp "
            + "AND STATUS = 'SUCCEEDED' ORDER BY RUN_ID DESC FETCH FIRST 1 ROWS ONLY")
    Optional<RunRow> latestSucceededWithFingerprint(@Bind("pipeline") String pipeline, @Bind("fp") String fp);

    @SqlQuery("SELECT DISTINCT PIPELINE FROM PIPELINE_RUNS ORDER BY PIPELINE")
    List<String> pipelines();

    /** Adds one committed batch's counts (called in the batch's transaction). */
    default int addCounts(long runId, long read, long loaded, long quarantined, long filtered, long retries, long batches,
                          String step, Instant at) {
        return BatchStatements.executeUpdate(getHandle(), "UPDATE PIPELINE_RUNS SET RECORDS_READ = RECORDS_READ + ?, "
                + "RECORDS_LOADED = RECORDS_LOADED + ?, RECORDS_QUARANTINED = RECORDS_QUARANTINED + ?, "
                + "RECORDS_FILTERED = RECORDS_FILTERED + ?, RETRIES = RETRIES + ?, BATCHES_COMMITTED = BATCHES_COMMITTED + ?, "
                + "CURRENT_STEP = ?, HEARTBEAT_AT = ?, VERSION = VERSION + 1 WHERE RUN_ID = ?",
                new int[] {Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT,
                    Types.VARCHAR, Types.TIMESTAMP, Types.BIGINT},
                read, loaded, quarantined, filtered, retries, batches, step, at, runId);
    }

    @SqlUpdate("UPDATE PIPELINE_RUNS SET HEARTBEAT_AT = :at WHERE RUN_ID = :runId")
    int heartbeat(@Bind("runId") long runId, @Bind("at") Instant at);

    @SqlUpdate("UPDATE PIPELINE_RUNS SET STATUS = :status, ENDED_AT = :at, HEARTBEAT_AT = :at, "
            + "STOP_CATEGORY = :category, STOP_REASON = :reason, VERSION = VERSION + 1 WHERE RUN_ID = :runId")
    int finish(@Bind("runId") long runId, @Bind("status") String status, @Bind("at") Instant at,
               @Bind("category") String category, @Bind("reason") String reason);

    /** Marks a run RUNNING again under a new process, counting the resume. */
    @SqlUpdate("UPDATE PIPELINE_RUNS SET STATUS = 'RUNNING', ENDED_AT = NULL, HEARTBEAT_AT = :at, HOST = :host, "
            + "PID = :pid, RESUME_COUNT = RESUME_COUNT + 1, STOP_CATEGORY = NULL, STOP_REASON = NULL, "
            + "VERSION = VERSION + 1 WHERE RUN_ID = :runId")
    int resume(@Bind("runId") long runId, @Bind("at") Instant at, @Bind("host") String host, @Bind("pid") long pid);

    @SqlUpdate("UPDATE PIPELINE_RUNS SET STATUS = :status, VERSION = VERSION + 1 WHERE RUN_ID = :runId")
    int setStatus(@Bind("runId") long runId, @Bind("status") String status);
}
