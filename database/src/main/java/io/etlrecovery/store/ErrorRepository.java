package io.etlrecovery.store;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import java.sql.Types;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** ERROR_DETAILS and RETRY_ATTEMPTS: many rows in one round trip, inside the caller's transaction. */
@RegisterConstructorMapper(ErrorRow.class)
@RegisterConstructorMapper(AttemptRow.class)
public interface ErrorRepository extends SqlObject {

    String COLUMNS = "ERROR_ID, RUN_ID, PIPELINE, STEP_NAME, BATCH_NUMBER, RECORD_POSITION, RECORD_NUMBER, "
            + "EXCEPTION_CLASS, MESSAGE, STACK_DIGEST, CATEGORY, ERROR_TYPE, SEVERITY, RECOVERABLE, FINGERPRINT, "
            + "RECOMMENDATION, ATTEMPTS, OUTCOME, OCCURRED_AT";

    /** Inserts the error rows in one JDBC batch; returns their ids in order. */
    default long[] insertErrors(List<ErrorRow> rows) {
        return BatchStatements.insertReturningIds(getHandle(), "INSERT INTO ERROR_DETAILS (RUN_ID, PIPELINE, STEP_NAME, "
                + "BATCH_NUMBER, RECORD_POSITION, RECORD_NUMBER, EXCEPTION_CLASS, MESSAGE, STACK_DIGEST, CATEGORY, "
                + "ERROR_TYPE, SEVERITY, RECOVERABLE, FINGERPRINT, RECOMMENDATION, ATTEMPTS, OUTCOME, OCCURRED_AT) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new int[] {Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.BIGINT,
                    Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                    Types.BOOLEAN, Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.TIMESTAMP}, rows,
                r -> new Object[] {r.runId(), r.pipeline(), r.stepName(), r.batchNumber(), r.recordPosition(),
                    r.recordNumber(), r.exceptionClass(), r.message(), r.stackDigest(), r.category(), r.errorType(),
                    r.severity(), r.recoverable(), r.fingerprint(), r.recommendation(), r.attempts(), r.outcome(),
                    r.occurredAt()});
    }

    /** Inserts retry attempts (each with its error id set) in one JDBC batch. */
    default void insertAttempts(List<AttemptRow> rows) {
        BatchStatements.executeBatch(getHandle(), "INSERT INTO RETRY_ATTEMPTS (ERROR_ID, RUN_ID, ATTEMPT_NUMBER, "
                + "DELAY_MS, OUTCOME, EXCEPTION_CLASS, MESSAGE, ATTEMPTED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                new int[] {Types.BIGINT, Types.BIGINT, Types.INTEGER, Types.BIGINT, Types.VARCHAR, Types.VARCHAR,
                    Types.VARCHAR, Types.TIMESTAMP}, rows,
                a -> new Object[] {a.errorId(), a.runId(), a.attemptNumber(), a.delayMs(), a.outcome(),
                    a.exceptionClass(), a.message(), a.attemptedAt()});
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM ERROR_DETAILS WHERE RUN_ID = :runId ORDER BY ERROR_ID")
    List<ErrorRow> forRun(@Bind("runId") long runId);

    @SqlQuery("SELECT ATTEMPT_ID, ERROR_ID, RUN_ID, ATTEMPT_NUMBER, DELAY_MS, OUTCOME, EXCEPTION_CLASS, MESSAGE, "
            + "ATTEMPTED_AT FROM RETRY_ATTEMPTS WHERE ERROR_ID = :errorId ORDER BY ATTEMPT_NUMBER")
    List<AttemptRow> attemptsOf(@Bind("errorId") long errorId);

    @SqlQuery("SELECT COUNT(*) FROM ERROR_DETAILS WHERE RUN_ID = :runId")
    long countForRun(@Bind("runId") long runId);

    @SqlUpdate("DELETE FROM ERROR_DETAILS WHERE OCCURRED_AT < :before")
    int deleteOlderThan(@Bind("before") Instant before);

    // ---------------------------------------------------------------- retention (purge)

    /** How many ERROR_DETAILS rows occurred before {@code before}, and the oldest one's time. */
    @SqlQuery("SELECT COUNT(*) AS TOTAL, MIN(OCCURRED_AT) AS OLDEST FROM ERROR_DETAILS WHERE OCCURRED_AT < :before")
    @RegisterConstructorMapper(AgedRows.class)
    AgedRows agedErrors(@Bind("before") Instant before);

    /**
     * How many RETRY_ATTEMPTS rows a purge at {@code before} removes: attempts made before it, and the attempts of
     * errors that occurred before it (they would go with their error).
     */
    @SqlQuery("SELECT COUNT(*) AS TOTAL, MIN(ATTEMPTED_AT) AS OLDEST FROM RETRY_ATTEMPTS WHERE ATTEMPTED_AT < :before "
            + "OR ERROR_ID IN (SELECT ERROR_ID FROM ERROR_DETAILS WHERE OCCURRED_AT < :before)")
    @RegisterConstructorMapper(AgedRows.class)
    AgedRows agedAttempts(@Bind("before") Instant before);

    /** Per pipeline, the oldest error that occurred before {@code before}. */
    @SqlQuery("SELECT PIPELINE, MIN(OCCURRED_AT) AS OLDEST FROM ERROR_DETAILS WHERE OCCURRED_AT < :before "
            + "AND PIPELINE IS NOT NULL GROUP BY PIPELINE ORDER BY PIPELINE")
    @RegisterConstructorMapper(PipelineOldest.class)
    List<PipelineOldest> oldestErrorPerPipeline(@Bind("before") Instant before);

    /** Deletes at most {@code limit} of the RETRY_ATTEMPTS rows {@link #agedAttempts} counts; returns how many. */
    @SqlUpdate("DELETE FROM RETRY_ATTEMPTS WHERE ATTEMPT_ID IN (SELECT ATTEMPT_ID FROM RETRY_ATTEMPTS "
            + "WHERE ATTEMPTED_AT < :before OR ERROR_ID IN (SELECT ERROR_ID FROM ERROR_DETAILS WHERE OCCURRED_AT < :before) "
            + "ORDER BY ATTEMPT_ID FETCH FIRST :limit ROWS ONLY)")
    int deleteAgedAttempts(@Bind("before") Instant before, @Bind("limit") int limit);

    /**
     * Deletes at most {@code limit} ERROR_DETAILS rows that occurred before {@code before}, oldest ids first; their
     * remaining retry attempts go with them, quarantined records and recovery actions keep their rows (ERROR_ID set
     * to null). Returns how many errors were deleted.
     */
    @SqlUpdate("DELETE FROM ERROR_DETAILS WHERE ERROR_ID IN (SELECT ERROR_ID FROM ERROR_DETAILS "
            + "WHERE OCCURRED_AT < :before ORDER BY ERROR_ID FETCH FIRST :limit ROWS ONLY)")
    int deleteAgedErrors(@Bind("before") Instant before, @Bind("limit") int limit);

    /**
     * A count of rows older than some time, and the oldest one's time ({@code null} when there are none).
     *
     * @param total  how many rows
     * @param oldest the oldest row's time, or {@code null}
     */
    record AgedRows(long total, Instant oldest) {
    }

    /** A pipeline and the time of its oldest row of some kind. */
    record PipelineOldest(String pipeline, Instant oldest) {
    }
}
