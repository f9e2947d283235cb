package io.etlrecovery.store;

import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * PIPELINE_LOCKS: at most one active run per pipeline. Acquiring is an INSERT (the primary key refuses a
 * second holder); taking over a dead holder is a compare-and-set UPDATE on the old run id.
 */
@RegisterConstructorMapper(LockRepository.LockRow.class)
public interface LockRepository extends SqlObject {

    /** The holder of a pipeline's lock. */
    record LockRow(String pipeline, long runId, String host, long pid, Instant acquiredAt, Instant heartbeatAt) {
    }

    @SqlUpdate("INSERT INTO PIPELINE_LOCKS (PIPELINE, RUN_ID, HOST, PID, ACQUIRED_AT, HEARTBEAT_AT) "
            + "VALUES (:pipeline, :runId, :host, :pid, :at, :at)")
    int insert(@Bind("pipeline") String pipeline, @Bind("runId") long runId, @Bind("host") String host,
               @Bind("pid") long pid, @Bind("at") Instant at);

    @SqlQuery("SELECT PIPELINE, RUN_ID, HOST, PID, ACQUIRED_AT, HEARTBEAT_AT FROM PIPELINE_LOCKS WHERE PIPELINE = :pipeline")
    Optional<LockRow> find(@Bind("pipeline") String pipeline);

    /** Replaces a dead holder; returns 0 when someone else changed the lock first. */
    @SqlUpdate("UPDATE PIPELINE_LOCKS SET RUN_ID = :runId, HOST = :host, PID = :pid, ACQUIRED_AT = :at, "
            + "HEARTBEAT_AT = :at WHERE PIPELINE = :pipeline AND RUN_ID = :oldRunId AND PID = :oldPid")
    int takeOver(@Bind("pipeline") String pipeline, @Bind("oldRunId") long oldRunId, @Bind("oldPid") long oldPid,
                 @Bind("runId") long runId, @Bind("host") String host, @Bind("pid") long pid,
                 @Bind("at") Instant at);

    /** Marks the holder alive at {@code at} (in each batch's transaction, and from the heartbeat thread). */
    default int heartbeat(String pipeline, long runId, long pid, Instant at) {
        return BatchStatements.executeUpdate(getHandle(), "UPDATE PIPELINE_LOCKS SET HEARTBEAT_AT = ? "
                + "WHERE PIPELINE = ? AND RUN_ID = ? AND PID = ?",
                new int[] {Types.TIMESTAMP, Types.VARCHAR, Types.BIGINT, Types.BIGINT}, at, pipeline, runId, pid);
    }

    @SqlUpdate("DELETE FROM PIPELINE_LOCKS WHERE PIPELINE = :pipeline AND RUN_ID = :runId AND PID = :pid")
    int release(@Bind("pipeline") String pipeline, @Bind("runId") long runId, @Bind("pid") long pid);

    @SqlUpdate("DELETE FROM PIPELINE_LOCKS WHERE PIPELINE = :pipeline AND RUN_ID = :runId")
    int releaseRun(@Bind("pipeline") String pipeline, @Bind("runId") long runId);
}
