package io.etlrecovery.store;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import java.sql.Types;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** RECOVERY_ACTIONS: what was done or recommended about errors and runs. */
@RegisterConstructorMapper(ActionRow.class)
public interface ActionRepository extends SqlObject {

    /** Inserts the rows in one JDBC batch. */
    default void insertAll(List<ActionRow> rows) {
        BatchStatements.executeBatch(getHandle(), "INSERT INTO RECOVERY_ACTIONS (RUN_ID, ERROR_ID, PIPELINE, STEP_NAME, "
                + "ACTION, TARGET, DETAIL, OUTCOME, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new int[] {Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                    Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP}, rows,
                a -> new Object[] {a.runId(), a.errorId(), a.pipeline(), a.stepName(), a.action(), a.target(),
                    a.detail(), a.outcome(), a.createdAt()});
    }

    @SqlQuery("SELECT ACTION_ID, RUN_ID, ERROR_ID, PIPELINE, STEP_NAME, ACTION, TARGET, DETAIL, OUTCOME, CREATED_AT "
            + "FROM RECOVERY_ACTIONS WHERE RUN_ID = :runId ORDER BY ACTION_ID")
    List<ActionRow> forRun(@Bind("runId") long runId);

    @SqlQuery("SELECT ACTION_ID, RUN_ID, ERROR_ID, PIPELINE, STEP_NAME, ACTION, TARGET, DETAIL, OUTCOME, CREATED_AT "
            + "FROM RECOVERY_ACTIONS WHERE (:pipeline IS NULL OR PIPELINE = :pipeline) AND ACTION = :action ORDER BY ACTION_ID")
    List<ActionRow> byAction(@Bind("pipeline") String pipeline, @Bind("action") String action);
}
