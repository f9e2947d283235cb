package io.etlrecovery.report;

/**
 * What the recurring-patterns report covers: the {@code top} patterns (default 10) by occurrences over the last
 * {@code days} UTC days (default 7, today included), of one pipeline or of all ({@code pipeline} {@code null}).
 * Immutable; validated when made.
 *
 * @param pipeline the pipeline, or {@code null} for every pipeline
 * @param top      how many patterns, 1 to 10,000
 * @param days     the window in days, 1 to 3,660
 */
public record PatternQuery(String pipeline, int top, int days) {

    /** Default number of patterns: 10. */
    public static final int DEFAULT_TOP = 10;
    /** Default window: 7 days. */
    public static final int DEFAULT_DAYS = 7;

    public PatternQuery {
        if (pipeline != null && pipeline.isBlank()) throw new IllegalArgumentException("pipeline must not be blank");
        if (top < 1 || top > 10_000) throw new IllegalArgumentException("top must be 1 to 10000, was " + top);
        FailureQuery.checkDays("days", days);
    }

    /** The top 10 patterns of every pipeline over the last 7 days. */
    public static PatternQuery defaults() {
        return new PatternQuery(null, DEFAULT_TOP, DEFAULT_DAYS);
    }

    /** The top 10 patterns of one pipeline over the last 7 days. */
    public static PatternQuery of(String pipeline) {
        return new PatternQuery(pipeline, DEFAULT_TOP, DEFAULT_DAYS);
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link PatternQuery}; setters validate at once. Not thread-safe. */
    public static final class Builder {
        private String pipeline;
        private int top = DEFAULT_TOP;
        private int days = DEFAULT_DAYS;

        private Builder() {
        }

        /** One pipeline; {@code null} (the default) for all. */
        public Builder pipeline(String pipeline) {
            if (pipeline != null && pipeline.isBlank()) throw new IllegalArgumentException("pipeline must not be blank");
            this.pipeline = pipeline;
            return this;
        }

        /** How many patterns (default 10), 1 to 10,000. */
        public Builder top(int top) {
            if (top < 1 || top > 10_000) throw new IllegalArgumentException("top must be 1 to 10000, was " + top);
            this.top = top;
            return this;
        }

        /** The window in UTC days, today included (default 7), 1 to 3,660. */
        public Builder days(int days) {
            this.days = FailureQuery.checkDays("days", days);
            return this;
        }

        public PatternQuery build() {
            return new PatternQuery(pipeline, top, days);
        }
    }
}
