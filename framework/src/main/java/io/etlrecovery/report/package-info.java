/**
 * Reports over what runs recorded: recurring error patterns, error budgets with multi-window burn-rate alerts,
 * failure analysis (failure rates per day and run, trend, MTTR, recovery success rate, stop causes) and system
 * health, all through {@link io.etlrecovery.report.Reports}, plus a self-contained HTML report
 * ({@link io.etlrecovery.report.HtmlReport}). Results are immutable records; every row names its pipeline.
 * Times are UTC.
 */
package io.etlrecovery.report;
