package io.etlrecovery.report;

import java.time.Duration;
import java.util.List;

/**
 * One error budget of a pipeline (records or runs) over the policy's window ending now. Shares are fractions
 * (1.0 = 100%).
 *
 * @param sli       what is counted
 * @param slo       the objective, e.g. 0.995
 * @param total     records (runs) in the window
 * @param failed    of those, failures
 * @param allowed   failures the budget allows: {@code (1 − slo) × total}
 * @param consumed  {@code failed / allowed}; 0 when nothing happened; above 1 when overspent
 * @param remaining {@code 1 − consumed}; negative when overspent
 * @param status    {@link BudgetStatus} of this budget, burn-rate alerts included
 * @param burnRates the burn rate over each reported window (1 h, 6 h, 24 h, the policy window, and the alert
 *                  rules' windows), shortest first
 */
public record SloBudget(Sli sli, double slo, long total, long failed, double allowed, double consumed,
                        double remaining, BudgetStatus status, List<BurnRate> burnRates) {

    public SloBudget {
        burnRates = List.copyOf(burnRates);
    }

    /** The burn rate over {@code window}, if the report has that window. */
    public java.util.Optional<BurnRate> burnRate(Duration window) {
        return burnRates.stream().filter(b -> b.window().equals(window)).findFirst();
    }

    /** {@link #consumed()} in percent. */
    public double consumedPercent() {
        return consumed * 100.0;
    }

    /** {@link #remaining()} in percent. */
    public double remainingPercent() {
        return remaining * 100.0;
    }
}
