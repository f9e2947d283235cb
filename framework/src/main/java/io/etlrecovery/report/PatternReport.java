package io.etlrecovery.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The recurring-patterns report: the most frequent failure patterns over a window of UTC days, most frequent
 * first (ties: latest seen first), each with its trend against the previous window of the same length.
 * Computed from ERROR_PATTERN_DAYS and ERROR_PATTERNS only, never from ERROR_DETAILS. Immutable.
 *
 * @param generatedAt      when it was computed
 * @param pipeline         the pipeline it covers, or {@code null} for all
 * @param from             the window's first day (UTC)
 * @param to               the window's last day (UTC, inclusive: today)
 * @param previousFrom     the previous window's first day
 * @param previousTo       the previous window's last day (inclusive)
 * @param top              the number of patterns asked for
 * @param patternsInWindow how many patterns occurred in the window (the report lists at most {@code top})
 * @param totalOccurrences occurrences of every pattern in the window
 * @param patterns         the top patterns
 */
public record PatternReport(Instant generatedAt, String pipeline, LocalDate from, LocalDate to, LocalDate previousFrom,
                           LocalDate previousTo, int top, int patternsInWindow, long totalOccurrences,
                           List<PatternEntry> patterns) {

    public PatternReport {
        patterns = List.copyOf(patterns);
    }
}
