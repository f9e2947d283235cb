package io.etlrecovery.store;

import java.time.Instant;

/**
 * A SNAPSHOT row of ERROR_BUDGET: what a pipeline did in one period (one UTC hour), computed from the
 * per-batch counts in CHECKPOINTS and the runs that ended in it.
 *
 * @param pipeline      the pipeline
 * @param periodStart   the period's start (inclusive)
 * @param periodEnd     the period's end (exclusive)
 * @param recordsTotal  records read by batches committed in the period
 * @param recordsFailed of those, records quarantined
 * @param runsTotal     runs that ended in the period (as of {@code computedAt})
 * @param runsFailed    of those, runs that did not succeed
 * @param computedAt    when the row was computed
 */
public record BudgetSnapshotRow(String pipeline, Instant periodStart, Instant periodEnd, long recordsTotal,
                                long recordsFailed, long runsTotal, long runsFailed, Instant computedAt) {
}
