package io.etlrecovery.report;

/**
 * What failure analysis covers: the last {@code days} UTC days (default 30, today included) of one pipeline or
 * all ({@code pipeline} {@code null}), listing at most {@code maxRuns} runs per pipeline (default 100, newest
 * first) and its {@code maxStopCauses} most common stop causes (default 5). Immutable; validated when made.
 *
 * @param pipeline      the pipeline, or {@code null} for every pipeline
 * @param days          the period in days, 1 to 3,660
 * @param maxRuns       runs listed per pipeline, 0 to 100,000 (all runs are still counted)
 * @param maxStopCauses stop causes listed per pipeline, 0 to 1,000
 */
public record FailureQuery(String pipeline, int days, int maxRuns, int maxStopCauses) {

    /** Default period: 30 days. */
    public static final int DEFAULT_DAYS = 30;
    /** Default runs listed per pipeline: 100. */
    public static final int DEFAULT_MAX_RUNS = 100;
    /** Default stop causes listed per pipeline: 5. */
    public static final int DEFAULT_MAX_STOP_CAUSES = 5;

    public FailureQuery {
        if (pipeline != null && pipeline.isBlank()) throw new IllegalArgumentException("pipeline must not be blank");
        checkDays("days", days);
        checkMaxRuns(maxRuns);
        checkMaxStopCauses(maxStopCauses);
    }

    /** Every pipeline over the last 30 days. */
    public static FailureQuery defaults() {
        return new FailureQuery(null, DEFAULT_DAYS, DEFAULT_MAX_RUNS, DEFAULT_MAX_STOP_CAUSES);
    }

    /** One pipeline over the last 30 days. */
    public static FailureQuery of(String pipeline) {
        return new FailureQuery(pipeline, DEFAULT_DAYS, DEFAULT_MAX_RUNS, DEFAULT_MAX_STOP_CAUSES);
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The longest period a failure report covers, in days. */
    public static final int MAX_DAYS = 3660;

    /** Returns {@code days} if it is 1 to {@link #MAX_DAYS}; else throws, naming the parameter. */
    static int checkDays(String name, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException(name + " must be 1 to " + MAX_DAYS + ", was " + days);
        }
        return days;
    }

    private static void checkMaxRuns(int maxRuns) {
        if (maxRuns < 0 || maxRuns > 100_000) {
            throw new IllegalArgumentException("maxRuns must be 0 to 100000, was " + maxRuns);
        }
    }

    private static void checkMaxStopCauses(int maxStopCauses) {
        if (maxStopCauses < 0 || maxStopCauses > 1000) {
            throw new IllegalArgumentException("maxStopCauses must be 0 to 1000, was " + maxStopCauses);
        }
    }

    /** Builds a {@link FailureQuery}; setters validate at once. Not thread-safe. */
    public static final class Builder {
        private String pipeline;
        private int days = DEFAULT_DAYS;
        private int maxRuns = DEFAULT_MAX_RUNS;
        private int maxStopCauses = DEFAULT_MAX_STOP_CAUSES;

        private Builder() {
        }

        /** One pipeline; {@code null} (the default) for all. */
        public Builder pipeline(String pipeline) {
            if (pipeline != null && pipeline.isBlank()) throw new IllegalArgumentException("pipeline must not be blank");
            this.pipeline = pipeline;
            return this;
        }

        /** The period in UTC days, today included (default 30). */
        public Builder days(int days) {
            checkDays("days", days);
            this.days = days;
            return this;
        }

        /** Runs listed per pipeline (default 100). */
        public Builder maxRuns(int maxRuns) {
            checkMaxRuns(maxRuns);
            this.maxRuns = maxRuns;
            return this;
        }

        /** Stop causes listed per pipeline (default 5). */
        public Builder maxStopCauses(int maxStopCauses) {
            checkMaxStopCauses(maxStopCauses);
            this.maxStopCauses = maxStopCauses;
            return this;
        }

        public FailureQuery build() {
            return new FailureQuery(pipeline, days, maxRuns, maxStopCauses);
        }
    }
}
