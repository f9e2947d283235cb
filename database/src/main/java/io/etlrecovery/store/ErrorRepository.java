package io.etlrecovery.store;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** ERROR_DETAILS and RETRY_ATTEMPTS: many rows in one round trip, inside the caller's transaction. */
@RegisterConstructorMapper(ErrorRow.class)
@RegisterConstructorMapper(AttemptRow.class)
public interface ErrorRepository {

    String COLUMNS = "ERROR_ID, RUN_ID, PIPELINE, STEP_NAME, BATCH_NUMBER, RECORD_POSITION, RECORD_NUMBER, "
            + "EXCEPTION_CLASS, MESSAGE, STACK_DIGEST, CATEGORY, ERROR_TYPE, SEVERITY, RECOVERABLE, FINGERPRINT, "
            + "RECOMMENDATION, ATTEMPTS, OUTCOME, OCCURRED_AT";

    /** Inserts the error rows in one JDBC batch; returns their ids in order. */
    @SqlBatch("INSERT INTO ERROR_DETAILS (RUN_ID, PIPELINE, STEP_NAME, BATCH_NUMBER, RECORD_POSITION, RECORD_NUMBER, "
            + "EXCEPTION_CLASS, MESSAGE, STACK_DIGEST, CATEGORY, ERROR_TYPE, SEVERITY, RECOVERABLE, FINGERPRINT, "
            + "RECOMMENDATION, ATTEMPTS, OUTCOME, OCCURRED_AT) VALUES (:runId, :pipeline, :stepName, :batchNumber, "
            + ":recordPosition, :recordNumber, :exceptionClass, :message, :stackDigest, :category, :errorType, "
            + ":severity, :recoverable, :fingerprint, :recommendation, :attempts, :outcome, :occurredAt)")
    @GetGeneratedKeys
    long[] insertErrors(@BindMethods List<ErrorRow> rows);

    /** Inserts retry attempts (each with its error id set) in one JDBC batch. */
    @SqlBatch("INSERT INTO RETRY_ATTEMPTS (ERROR_ID, RUN_ID, ATTEMPT_NUMBER, DELAY_MS, OUTCOME, EXCEPTION_CLASS, "
            + "MESSAGE, ATTEMPTED_AT) VALUES (:errorId, :runId, :attemptNumber, :delayMs, :outcome, "
            + ":exceptionClass, :message, :attemptedAt)")
    void insertAttempts(@BindMethods List<AttemptRow> rows);

    @SqlQuery("SELECT " + COLUMNS + " FROM ERROR_DETAILS WHERE RUN_ID = :runId ORDER BY ERROR_ID")
    List<ErrorRow> forRun(@Bind("runId") long runId);

    @SqlQuery("SELECT ATTEMPT_ID, ERROR_ID, RUN_ID, ATTEMPT_NUMBER, DELAY_MS, OUTCOME, EXCEPTION_CLASS, MESSAGE, "
            + "ATTEMPTED_AT FROM RETRY_ATTEMPTS WHERE ERROR_ID = :errorId ORDER BY ATTEMPT_NUMBER")
    List<AttemptRow> attemptsOf(@Bind("errorId") long errorId);

    @SqlQuery("SELECT COUNT(*) FROM ERROR_DETAILS WHERE RUN_ID = :runId")
    long countForRun(@Bind("runId") long runId);

    @SqlUpdate("DELETE FROM ERROR_DETAILS WHERE OCCURRED_AT < :before")
    int deleteOlderThan(@Bind("before") Instant before);
}
