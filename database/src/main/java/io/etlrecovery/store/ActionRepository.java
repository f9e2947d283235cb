package io.etlrecovery.store;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** RECOVERY_ACTIONS: what was done or recommended about errors and runs. */
@RegisterConstructorMapper(ActionRow.class)
public interface ActionRepository {

    @SqlBatch("INSERT INTO RECOVERY_ACTIONS (RUN_ID, ERROR_ID, PIPELINE, STEP_NAME, ACTION, TARGET, DETAIL, OUTCOME, "
            + "CREATED_AT) VALUES (:runId, :errorId, :pipeline, :stepName, :action, :target, :detail, :outcome, :createdAt)")
    void insertAll(@BindMethods List<ActionRow> rows);

    @SqlQuery("SELECT ACTION_ID, RUN_ID, ERROR_ID, PIPELINE, STEP_NAME, ACTION, TARGET, DETAIL, OUTCOME, CREATED_AT "
            + "FROM RECOVERY_ACTIONS WHERE RUN_ID = :runId ORDER BY ACTION_ID")
    List<ActionRow> forRun(@Bind("runId") long runId);

    @SqlQuery("SELECT ACTION_ID, RUN_ID, ERROR_ID, PIPELINE, STEP_NAME, ACTION, TARGET, DETAIL, OUTCOME, CREATED_AT "
            + "FROM RECOVERY_ACTIONS WHERE (:pipeline IS NULL OR PIPELINE = :pipeline) AND ACTION = :action ORDER BY ACTION_ID")
    List<ActionRow> byAction(@Bind("pipeline") String pipeline, @Bind("action") String action);
}
