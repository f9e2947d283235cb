/**
 * Retention: {@link io.etlrecovery.retention.Retention} removes the detail rows that grow with every failure
 * (ERROR_DETAILS, RETRY_ATTEMPTS, SYSTEM_HEALTH) once they are older than a number of days, while the aggregates
 * the reports read (ERROR_PATTERNS and ERROR_PATTERN_DAYS, the ERROR_BUDGET snapshots, FAILURE_ANALYSIS) keep
 * their numbers: the budget, patterns and failures reports give the same answers before and after a purge.
 */
package io.etlrecovery.retention;
