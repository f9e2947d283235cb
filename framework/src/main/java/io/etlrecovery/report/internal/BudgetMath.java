package io.etlrecovery.report.internal;

import io.etlrecovery.report.BudgetStatus;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Exact budget arithmetic: SLOs and thresholds are taken as the decimals they are written as (0.995, 14.4), so a
 * comparison at a threshold is decided exactly, not by floating-point rounding.
 */
public final class BudgetMath {

    private static final BigDecimal WARNING = BigDecimal.valueOf(BudgetStatus.WARNING_CONSUMED);

    private BudgetMath() {
    }

    /** Failures the budget allows: {@code (1 − slo) × total}. */
    public static BigDecimal allowed(long total, double slo) {
        return BigDecimal.ONE.subtract(BigDecimal.valueOf(slo)).multiply(BigDecimal.valueOf(total));
    }

    /** {@code failed / ((1 − slo) × total)}: the burn rate over a window, or the budget consumed; 0 without total. */
    public static double burnRate(Counts c, double slo) {
        if (c.total() == 0) return 0.0;
        return BigDecimal.valueOf(c.failed()).divide(allowed(c.total(), slo), MathContext.DECIMAL64).doubleValue();
    }

    /** Whether the burn rate is strictly above {@code threshold}: {@code failed > threshold × (1 − slo) × total}. */
    public static boolean burnsAbove(Counts c, double slo, double threshold) {
        if (c.total() == 0) return false;
        return BigDecimal.valueOf(c.failed()).compareTo(BigDecimal.valueOf(threshold).multiply(allowed(c.total(), slo))) > 0;
    }

    /** The status of a budget: EXHAUSTED at 100% consumed or more, WARNING above 75% or with an alert, else OK. */
    public static BudgetStatus status(Counts c, double slo, boolean alerting) {
        if (c.total() > 0) {
            BigDecimal allowed = allowed(c.total(), slo);
            BigDecimal failed = BigDecimal.valueOf(c.failed());
            if (failed.compareTo(allowed) >= 0) return BudgetStatus.EXHAUSTED;
            if (failed.compareTo(WARNING.multiply(allowed)) > 0) return BudgetStatus.WARNING;
        }
        return alerting ? BudgetStatus.WARNING : BudgetStatus.OK;
    }
}
