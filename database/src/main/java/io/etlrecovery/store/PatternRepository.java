package io.etlrecovery.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * ERROR_PATTERNS and ERROR_PATTERN_DAYS, maintained incrementally: each committed batch adds its errors per
 * fingerprint, so reports read aggregates and never rescan ERROR_DETAILS.
 */
@RegisterConstructorMapper(PatternRow.class)
public interface PatternRepository {

    String COLUMNS = "PATTERN_ID, PIPELINE, FINGERPRINT, STEP_NAME, CATEGORY, ERROR_TYPE, EXCEPTION_CLASS, "
            + "NORMALIZED_MESSAGE, EXAMPLE_MESSAGE, OCCURRENCES, FIRST_SEEN, LAST_SEEN, RUNS_AFFECTED, LAST_RUN_ID, "
            + "RECOMMENDED_ACTION";

    @SqlUpdate("UPDATE ERROR_PATTERNS SET OCCURRENCES = OCCURRENCES + :occurrences, LAST_SEEN = :lastSeen, "
            + "RUNS_AFFECTED = RUNS_AFFECTED + CASE WHEN LAST_RUN_ID = :lastRunId OR :lastRunId IS NULL THEN 0 ELSE 1 END, "
            + "LAST_RUN_ID = COALESCE(:lastRunId, LAST_RUN_ID), EXAMPLE_MESSAGE = :exampleMessage "
            + "WHERE PIPELINE = :pipeline AND FINGERPRINT = :fingerprint")
    int increment(@BindMethods PatternRow delta);

    @SqlUpdate("INSERT INTO ERROR_PATTERNS (PIPELINE, FINGERPRINT, STEP_NAME, CATEGORY, ERROR_TYPE, EXCEPTION_CLASS, "
            + "NORMALIZED_MESSAGE, EXAMPLE_MESSAGE, OCCURRENCES, FIRST_SEEN, LAST_SEEN, RUNS_AFFECTED, LAST_RUN_ID, "
            + "RECOMMENDED_ACTION) VALUES (:pipeline, :fingerprint, :stepName, :category, :errorType, :exceptionClass, "
            + ":normalizedMessage, :exampleMessage, :occurrences, :firstSeen, :lastSeen, :runsAffected, :lastRunId, "
            + ":recommendedAction)")
    int insert(@BindMethods PatternRow row);

    @SqlUpdate("UPDATE ERROR_PATTERN_DAYS SET OCCURRENCES = OCCURRENCES + :n WHERE PIPELINE = :pipeline "
            + "AND FINGERPRINT = :fingerprint AND OCCURRED_ON = :day")
    int incrementDay(@Bind("pipeline") String pipeline, @Bind("fingerprint") String fingerprint,
                     @Bind("day") LocalDate day, @Bind("n") long n);

    @SqlUpdate("INSERT INTO ERROR_PATTERN_DAYS (PIPELINE, FINGERPRINT, OCCURRED_ON, OCCURRENCES) VALUES (:pipeline, :fingerprint, :day, :n)")
    int insertDay(@Bind("pipeline") String pipeline, @Bind("fingerprint") String fingerprint,
                  @Bind("day") LocalDate day, @Bind("n") long n);

    /**
     * Adds {@code delta.occurrences()} occurrences of a pattern (inserting it the first time), and the same
     * count to its day. {@code delta} carries the pattern's description, its first/last seen and the run.
     */
    default void record(PatternRow delta, LocalDate day) {
        if (increment(delta) == 0) insert(delta);
        if (incrementDay(delta.pipeline(), delta.fingerprint(), day, delta.occurrences()) == 0) {
            insertDay(delta.pipeline(), delta.fingerprint(), day, delta.occurrences());
        }
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM ERROR_PATTERNS WHERE PIPELINE = :pipeline AND FINGERPRINT = :fingerprint")
    Optional<PatternRow> find(@Bind("pipeline") String pipeline, @Bind("fingerprint") String fingerprint);

    @SqlQuery("SELECT " + COLUMNS + " FROM ERROR_PATTERNS WHERE (:pipeline IS NULL OR PIPELINE = :pipeline) "
            + "AND LAST_SEEN >= :since ORDER BY OCCURRENCES DESC, PATTERN_ID")
    List<PatternRow> seenSince(@Bind("pipeline") String pipeline, @Bind("since") Instant since);

    /** Occurrences per (pipeline, fingerprint) with days in {@code [from, to)}. */
    @SqlQuery("SELECT PIPELINE, FINGERPRINT, SUM(OCCURRENCES) AS TOTAL FROM ERROR_PATTERN_DAYS "
            + "WHERE (:pipeline IS NULL OR PIPELINE = :pipeline) AND OCCURRED_ON >= :from AND OCCURRED_ON < :to "
            + "GROUP BY PIPELINE, FINGERPRINT")
    @RegisterConstructorMapper(DayTotal.class)
    List<DayTotal> totals(@Bind("pipeline") String pipeline, @Bind("from") LocalDate from, @Bind("to") LocalDate to);

    /** A pattern's occurrences over a range of days. */
    record DayTotal(String pipeline, String fingerprint, long total) {
    }
}
