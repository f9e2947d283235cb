package io.etlrecovery.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** CIRCUIT_BREAKER_STATES: the persisted state of each named breaker. */
@RegisterConstructorMapper(BreakerRow.class)
public interface BreakerRepository {

    String COLUMNS = "BREAKER_NAME, STATE, CONSECUTIVE_FAILURES, FAILURE_COUNT, SUCCESS_COUNT, TRIAL_CALLS, OPENED_AT, "
            + "NEXT_TRIAL_AT, UPDATED_AT";

    @SqlQuery("SELECT " + COLUMNS + " FROM CIRCUIT_BREAKER_STATES WHERE BREAKER_NAME = :name")
    Optional<BreakerRow> find(@Bind("name") String name);

    @SqlQuery("SELECT " + COLUMNS + " FROM CIRCUIT_BREAKER_STATES ORDER BY BREAKER_NAME")
    List<BreakerRow> all();

    @SqlUpdate("UPDATE CIRCUIT_BREAKER_STATES SET STATE = :state, CONSECUTIVE_FAILURES = :consecutiveFailures, "
            + "FAILURE_COUNT = :failureCount, SUCCESS_COUNT = :successCount, TRIAL_CALLS = :trialCalls, "
            + "OPENED_AT = :openedAt, NEXT_TRIAL_AT = :nextTrialAt, UPDATED_AT = :updatedAt WHERE BREAKER_NAME = :breakerName")
    int update(@BindMethods BreakerRow row);

    @SqlUpdate("INSERT INTO CIRCUIT_BREAKER_STATES (" + COLUMNS + ") VALUES (:breakerName, :state, :consecutiveFailures, "
            + ":failureCount, :successCount, :trialCalls, :openedAt, :nextTrialAt, :updatedAt)")
    int insert(@BindMethods BreakerRow row);

    /** Writes the row, inserting it the first time. */
    default void save(BreakerRow row) {
        if (update(row) == 0) insert(row);
    }
}
