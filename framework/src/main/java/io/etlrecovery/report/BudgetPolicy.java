package io.etlrecovery.report;

import java.time.Duration;
import java.util.Objects;

/**
 * A pipeline's service level objectives over a rolling window, from which its error budgets follow: by default
 * 99.5% of records processed without quarantine ({@code recordSlo} 0.995) and 95% of runs succeeding
 * ({@code runSlo} 0.95), over 30 days. Immutable; validated when made (by the constructor or the
 * {@link #builder() builder}, whose setters check at once). Stored per pipeline as the POLICY row of ERROR_BUDGET
 * by {@link Reports#setPolicy}; a pipeline without one uses {@link #defaults()}.
 *
 * @param recordSlo the share of records to process without quarantine, {@code 0 < recordSlo < 1}, at most six
 *                  decimals (e.g. 0.995)
 * @param runSlo    the share of runs to succeed, {@code 0 < runSlo < 1}, at most six decimals (e.g. 0.95)
 * @param window    the rolling window: whole days, 1 to 366 (e.g. 30 days)
 */
public record BudgetPolicy(double recordSlo, double runSlo, Duration window) {

    /** Default record SLO: 0.995 (99.5% of records processed without quarantine). */
    public static final double DEFAULT_RECORD_SLO = 0.995;
    /** Default run SLO: 0.95 (95% of runs succeed). */
    public static final double DEFAULT_RUN_SLO = 0.95;
    /** Default window: 30 days. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    private static final BudgetPolicy DEFAULTS = new BudgetPolicy(DEFAULT_RECORD_SLO, DEFAULT_RUN_SLO, DEFAULT_WINDOW);

    public BudgetPolicy {
        checkSlo("recordSlo", recordSlo);
        checkSlo("runSlo", runSlo);
        checkWindow(window);
    }

    /** 99.5% of records, 95% of runs, over 30 days. */
    public static BudgetPolicy defaults() {
        return DEFAULTS;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The window in whole days. */
    public int windowDays() {
        return (int) window.toDays();
    }

    private static void checkSlo(String name, double slo) {
        if (!(slo > 0.0 && slo < 1.0)) {
            throw new IllegalArgumentException(name + " must be > 0 and < 1 (e.g. 0.995 for 99.5%), was " + slo);
        }
        if (java.math.BigDecimal.valueOf(slo).stripTrailingZeros().scale() > 6) {
            throw new IllegalArgumentException(name + " can have at most 6 decimals, was " + slo);
        }
    }

    static void checkWindow(Duration window) {
        Objects.requireNonNull(window, "window");
        if (window.compareTo(Duration.ofDays(1)) < 0 || window.compareTo(Duration.ofDays(366)) > 0
                || !window.equals(Duration.ofDays(window.toDays()))) {
            throw new IllegalArgumentException("window must be a whole number of days from 1 to 366, was " + window);
        }
    }

    /** Builds a {@link BudgetPolicy}; setters validate at once. Not thread-safe. */
    public static final class Builder {
        private double recordSlo = DEFAULT_RECORD_SLO;
        private double runSlo = DEFAULT_RUN_SLO;
        private Duration window = DEFAULT_WINDOW;

        private Builder() {
        }

        /** The share of records to process without quarantine (default 0.995). */
        public Builder recordSlo(double recordSlo) {
            checkSlo("recordSlo", recordSlo);
            this.recordSlo = recordSlo;
            return this;
        }

        /** The share of runs to succeed (default 0.95). */
        public Builder runSlo(double runSlo) {
            checkSlo("runSlo", runSlo);
            this.runSlo = runSlo;
            return this;
        }

        /** The rolling window, whole days from 1 to 366 (default 30 days). */
        public Builder window(Duration window) {
            checkWindow(window);
            this.window = window;
            return this;
        }

        /** The rolling window in days (default 30). */
        public Builder windowDays(int days) {
            if (days < 1 || days > 366) throw new IllegalArgumentException("window must be 1 to 366 days, was " + days);
            return window(Duration.ofDays(days));
        }

        public BudgetPolicy build() {
            return new BudgetPolicy(recordSlo, runSlo, window);
        }
    }
}
