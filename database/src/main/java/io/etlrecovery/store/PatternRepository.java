package io.etlrecovery.store;

import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * ERROR_PATTERNS and ERROR_PATTERN_DAYS, maintained incrementally: each committed batch adds its errors per
 * fingerprint, so reports read aggregates and never rescan ERROR_DETAILS.
 */
@RegisterConstructorMapper(PatternRow.class)
public interface PatternRepository extends SqlObject {

    String COLUMNS = "PATTERN_ID, PIPELINE, FINGERPRINT, STEP_NAME, CATEGORY, ERROR_TYPE, EXCEPTION_CLASS, "
            + "NORMALIZED_MESSAGE, EXAMPLE_MESSAGE, OCCURRENCES, FIRST_SEEN, LAST_SEEN, RUNS_AFFECTED, LAST_RUN_ID, "
            + "RECOMMENDED_ACTION";

    /**
     * Adds {@code delta.occurrences()} occurrences of a pattern (inserting it the first time), and the same
     * count to its day. {@code delta} carries the pattern's description, its first/last seen and the run.
     */
    default void record(PatternRow delta, LocalDate day) {
        recordAll(List.of(delta), day);
    }

    /**
     * {@link #record} for several patterns (one delta per fingerprint) in four JDBC batches: the increments,
     * the inserts of patterns seen for the first time, and the same two for the day.
     */
    default void recordAll(List<PatternRow> deltas, LocalDate day) {
        if (deltas.isEmpty()) return;
        int[] updated = BatchStatements.executeBatch(getHandle(), "UPDATE ERROR_PATTERNS SET OCCURRENCES = "
                + "OCCURRENCES + ?, LAST_SEEN = ?, RUNS_AFFECTED = RUNS_AFFECTED + CASE WHEN LAST_RUN_ID = ? OR ? IS NULL "
                + "THEN 0 ELSE 1 END, LAST_RUN_ID = COALESCE(?, LAST_RUN_ID), EXAMPLE_MESSAGE = ? "
                + "WHERE PIPELINE = ? AND FINGERPRINT = ?",
                new int[] {Types.BIGINT, Types.TIMESTAMP, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.VARCHAR,
                    Types.VARCHAR, Types.VARCHAR}, deltas,
                d -> new Object[] {d.occurrences(), d.lastSeen(), d.lastRunId(), d.lastRunId(), d.lastRunId(),
                    d.exampleMessage(), d.pipeline(), d.fingerprint()});
        BatchStatements.executeBatch(getHandle(), "INSERT INTO ERROR_PATTERNS (PIPELINE, FINGERPRINT, STEP_NAME, "
                + "CATEGORY, ERROR_TYPE, EXCEPTION_CLASS, NORMALIZED_MESSAGE, EXAMPLE_MESSAGE, OCCURRENCES, FIRST_SEEN, "
                + "LAST_SEEN, RUNS_AFFECTED, LAST_RUN_ID, RECOMMENDED_ACTION) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                    Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.TIMESTAMP, Types.TIMESTAMP, Types.INTEGER,
                    Types.BIGINT, Types.VARCHAR}, notUpdated(deltas, updated),
                d -> new Object[] {d.pipeline(), d.fingerprint(), d.stepName(), d.category(), d.errorType(),
                    d.exceptionClass(), d.normalizedMessage(), d.exampleMessage(), d.occurrences(), d.firstSeen(),
                    d.lastSeen(), d.runsAffected(), d.lastRunId(), d.recommendedAction()});
        int[] dayUpdated = BatchStatements.executeBatch(getHandle(), "UPDATE ERROR_PATTERN_DAYS SET OCCURRENCES = "
                + "OCCURRENCES + ? WHERE PIPELINE = ? AND FINGERPRINT = ? AND OCCURRED_ON = ?",
                new int[] {Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.DATE}, deltas,
                d -> new Object[] {d.occurrences(), d.pipeline(), d.fingerprint(), day});
        BatchStatements.executeBatch(getHandle(), "INSERT INTO ERROR_PATTERN_DAYS (PIPELINE, FINGERPRINT, OCCURRED_ON, "
                + "OCCURRENCES) VALUES (?, ?, ?, ?)",
                new int[] {Types.VARCHAR, Types.VARCHAR, Types.DATE, Types.BIGINT}, notUpdated(deltas, dayUpdated),
                d -> new Object[] {d.pipeline(), d.fingerprint(), day, d.occurrences()});
    }

    /** The deltas whose update changed no row (H2 and PostgreSQL report each row's count of a batch). */
    private static List<PatternRow> notUpdated(List<PatternRow> deltas, int[] counts) {
        List<PatternRow> fresh = new ArrayList<>();
        for (int i = 0; i < deltas.size(); i++) if (counts[i] == 0) fresh.add(deltas.get(i));
        return fresh;
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
