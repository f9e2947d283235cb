package io.etlrecovery.report;

import java.time.Instant;
import java.util.List;

/**
 * A pipeline's error budgets over its policy's rolling window {@code [generatedAt − window, generatedAt)}: the
 * records budget and the runs budget, the burn-rate alerts that fire, and a daily burn-down. Immutable.
 *
 * <p>How things are counted: records are those read by batches committed in the window (a record read by two
 * batch steps counts twice), failed = quarantined; runs are those that ended in the window, failed = did not
 * succeed (FAILED, STOPPED, ABANDONED, ROLLED_BACK). A RUNNING run does not count until it ends (a resumed run is
 * RUNNING again and counts once, by its final status, when it ends).
 *
 * @param pipeline      the pipeline
 * @param generatedAt   when it was computed (the end of every window)
 * @param policy        the policy applied
 * @param defaultPolicy whether the pipeline has no stored policy (so {@link BudgetPolicy#defaults()} applied)
 * @param windowStart   {@code generatedAt − policy.window()}
 * @param records       the records budget
 * @param runs          the runs budget
 * @param status        the worse of the two budgets' status
 * @param alerts        the burn-rate alerts that fire, PAGE first
 * @param burnDown      cumulative points at each UTC midnight in the window, then at {@code generatedAt}
 */
public record BudgetReport(String pipeline, Instant generatedAt, BudgetPolicy policy, boolean defaultPolicy,
                           Instant windowStart, SloBudget records, SloBudget runs, BudgetStatus status,
                           List<BurnAlert> alerts, List<BudgetPoint> burnDown) {

    public BudgetReport {
        alerts = List.copyOf(alerts);
        burnDown = List.copyOf(burnDown);
    }

    /** Whether a PAGE alert fires. */
    public boolean paging() {
        return alerts.stream().anyMatch(a -> a.severity() == BurnRateAlertPolicy.Severity.PAGE);
    }
}
