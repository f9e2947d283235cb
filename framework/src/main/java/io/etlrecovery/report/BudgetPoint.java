package io.etlrecovery.report;

import java.time.Instant;

/**
 * One point of a budget burn-down: what the window had seen from its start up to {@code at}, and the share of the
 * window's whole budget (as allowed by the window's final totals) still left then. The last point is the report's
 * time and its remaining shares equal the report's.
 *
 * @param at               the end of the cumulated span (a UTC midnight, or the report's time)
 * @param recordsTotal     records from the window's start to {@code at}
 * @param recordsFailed    of those, quarantined
 * @param recordsRemaining {@code 1 − recordsFailed / allowed records} (allowed over the whole window)
 * @param runsTotal        runs ended from the window's start to {@code at}
 * @param runsFailed       of those, failed
 * @param runsRemaining    {@code 1 − runsFailed / allowed runs} (allowed over the whole window)
 */
public record BudgetPoint(Instant at, long recordsTotal, long recordsFailed, double recordsRemaining, long runsTotal,
                          long runsFailed, double runsRemaining) {
}
