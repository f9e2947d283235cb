package io.etlrecovery.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import java.sql.Types;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** QUARANTINED_RECORDS: batched inserts in the batch's transaction, paged listing, status changes. */
@RegisterConstructorMapper(QuarantineRow.class)
public interface QuarantineRepository extends SqlObject {

    String COLUMNS = "QUARANTINE_ID, RUN_ID, PIPELINE, STEP_NAME, BATCH_NUMBER, RECORD_NUMBER, LINE_NUMBER, RECORD_KEY, "
            + "SOURCE_REF, RAW_RECORD, PARSED_RECORD, ERROR_ID, EXCEPTION_CLASS, ERROR_MESSAGE, CATEGORY, ERROR_TYPE, "
            + "FINGERPRINT, ATTEMPTS, STATUS, REPROCESSED_RUN_ID, DISCARD_REASON, QUARANTINED_AT, UPDATED_AT";

    /** Inserts the rows in one JDBC batch. */
    default void insertAll(List<QuarantineRow> rows) {
        BatchStatements.executeBatch(getHandle(), "INSERT INTO QUARANTINED_RECORDS (RUN_ID, PIPELINE, STEP_NAME, "
                + "BATCH_NUMBER, RECORD_NUMBER, LINE_NUMBER, RECORD_KEY, SOURCE_REF, RAW_RECORD, PARSED_RECORD, ERROR_ID, "
                + "EXCEPTION_CLASS, ERROR_MESSAGE, CATEGORY, ERROR_TYPE, FINGERPRINT, ATTEMPTS, STATUS, QUARANTINED_AT, "
                + "UPDATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new int[] {Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.BIGINT, Types.BIGINT,
                    Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.VARCHAR,
                    Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.VARCHAR,
                    Types.TIMESTAMP, Types.TIMESTAMP}, rows,
                q -> new Object[] {q.runId(), q.pipeline(), q.stepName(), q.batchNumber(), q.recordNumber(),
                    q.lineNumber(), q.recordKey(), q.sourceRef(), q.rawRecord(), q.parsedRecord(), q.errorId(),
                    q.exceptionClass(), q.errorMessage(), q.category(), q.errorType(), q.fingerprint(), q.attempts(),
                    q.status(), q.quarantinedAt(), q.updatedAt()});
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM QUARANTINED_RECORDS WHERE QUARANTINE_ID = :id")
    Optional<QuarantineRow> find(@Bind("id") long id);

    /**
     * One page of a pipeline's (or a run's) quarantined records, by id: pass the last id of the previous
     * page as {@code afterId} (keyset paging, so exports of any size run in bounded memory).
     */
    @SqlQuery("SELECT " + COLUMNS + " FROM QUARANTINED_RECORDS WHERE (:pipeline IS NULL OR PIPELINE = :pipeline) "
            + "AND (:runId IS NULL OR RUN_ID = :runId) AND (:status IS NULL OR STATUS = :status) "
            + "AND QUARANTINE_ID > :afterId ORDER BY QUARANTINE_ID FETCH FIRST :limit ROWS ONLY")
    List<QuarantineRow> page(@Bind("pipeline") String pipeline, @Bind("runId") Long runId,
                             @Bind("status") String status, @Bind("afterId") long afterId, @Bind("limit") int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM QUARANTINED_RECORDS WHERE QUARANTINE_ID IN (<ids>) ORDER BY QUARANTINE_ID")
    List<QuarantineRow> findAll(@BindList("ids") List<Long> ids);

    @SqlQuery("SELECT COUNT(*) FROM QUARANTINED_RECORDS WHERE (:pipeline IS NULL OR PIPELINE = :pipeline) "
            + "AND (:runId IS NULL OR RUN_ID = :runId) AND (:status IS NULL OR STATUS = :status)")
    long count(@Bind("pipeline") String pipeline, @Bind("runId") Long runId, @Bind("status") String status);

    /** Quarantined records of a run per category (for a run's summary). */
    @SqlQuery("SELECT CATEGORY, COUNT(*) AS RECORDS FROM QUARANTINED_RECORDS WHERE RUN_ID = :runId GROUP BY CATEGORY "
            + "ORDER BY CATEGORY")
    @org.jdbi.v3.sqlobject.config.KeyColumn("CATEGORY")
    @org.jdbi.v3.sqlobject.config.ValueColumn("RECORDS") // an alias: PostgreSQL labels COUNT(*) "count", H2 "COUNT(*)"
    java.util.Map<String, Long> countByCategory(@Bind("runId") long runId);

    /**
     * Marks the QUARANTINED rows {@code ids} REPROCESSED by run {@code runId}, in one JDBC batch; returns each id's
     * update count (0 for a row no longer QUARANTINED).
     */
    default int[] markReprocessed(List<Long> ids, long runId, Instant at) {
        return BatchStatements.executeBatch(getHandle(), "UPDATE QUARANTINED_RECORDS SET STATUS = 'REPROCESSED', "
                + "REPROCESSED_RUN_ID = ?, UPDATED_AT = ? WHERE QUARANTINE_ID = ? AND STATUS = 'QUARANTINED'",
                new int[] {Types.BIGINT, Types.TIMESTAMP, Types.BIGINT}, ids, id -> new Object[] {runId, at, id});
    }

    /**
     * Records that reprocessed records failed again, in one JDBC batch: each row names, by its
     * {@link QuarantineRow#quarantineId()}, a QUARANTINED row that gets one more attempt, the step where it failed
     * this time, the new error (class, message, category, type, fingerprint, error id), the row's
     * {@link QuarantineRow#updatedAt()} and, when the row's {@link QuarantineRow#parsedRecord()} is not null, the
     * fields it was reprocessed with. The raw record is never changed. Returns each row's update count.
     */
    default int[] markFailedAgain(List<QuarantineRow> rows) {
        return BatchStatements.executeBatch(getHandle(), "UPDATE QUARANTINED_RECORDS SET ATTEMPTS = ATTEMPTS + 1, "
                + "STEP_NAME = ?, PARSED_RECORD = COALESCE(?, PARSED_RECORD), EXCEPTION_CLASS = ?, ERROR_MESSAGE = ?, "
                + "CATEGORY = ?, ERROR_TYPE = ?, FINGERPRINT = ?, ERROR_ID = ?, UPDATED_AT = ? "
                + "WHERE QUARANTINE_ID = ? AND STATUS = 'QUARANTINED'",
                new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                    Types.VARCHAR, Types.BIGINT, Types.TIMESTAMP, Types.BIGINT}, rows,
                q -> new Object[] {q.stepName(), q.parsedRecord(), q.exceptionClass(), q.errorMessage(), q.category(),
                    q.errorType(), q.fingerprint(), q.errorId(), q.updatedAt(), q.quarantineId()});
    }

    @SqlUpdate("UPDATE QUARANTINED_RECORDS SET STATUS = 'DISCARDED', DISCARD_REASON = :reason, UPDATED_AT = :at "
            + "WHERE QUARANTINE_ID = :id AND STATUS = 'QUARANTINED'")
    int discard(@Bind("id") long id, @Bind("reason") String reason, @Bind("at") Instant at);

    /** Discards every QUARANTINED record of a pipeline (or of one of its runs); returns how many. */
    @SqlUpdate("UPDATE QUARANTINED_RECORDS SET STATUS = 'DISCARDED', DISCARD_REASON = :reason, UPDATED_AT = :at "
            + "WHERE PIPELINE = :pipeline AND (:runId IS NULL OR RUN_ID = :runId) AND STATUS = 'QUARANTINED'")
    int discardAll(@Bind("pipeline") String pipeline, @Bind("runId") Long runId, @Bind("reason") String reason,
                   @Bind("at") Instant at);
}
