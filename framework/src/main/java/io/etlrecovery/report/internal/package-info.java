/**
 * How the reports are computed: UTC bucketing, exact budget arithmetic, the hourly budget snapshots, the
 * calculators behind {@link io.etlrecovery.report.Reports}, and the HTML and SVG writers. Not an API: anything
 * here may change without notice.
 */
package io.etlrecovery.report.internal;
