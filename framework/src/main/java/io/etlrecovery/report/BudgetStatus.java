package io.etlrecovery.report;

/**
 * The state of an error budget: {@link #EXHAUSTED} when 100% or more of it is consumed; {@link #WARNING} when more
 * than 75% is consumed or a burn-rate alert fires; {@link #OK} otherwise. Ordered from best to worst.
 */
public enum BudgetStatus {
    /** Less than 75% consumed and no alert. */
    OK,
    /** More than 75% consumed, or a burn-rate alert fires. */
    WARNING,
    /** 100% or more consumed. */
    EXHAUSTED;

    /** The share of the budget above which the status is at least {@link #WARNING}: 0.75. */
    public static final double WARNING_CONSUMED = 0.75;

    /** The worse of this and {@code other}. */
    public BudgetStatus worst(BudgetStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
