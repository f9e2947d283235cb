package io.etlrecovery.recovery;

import io.etlrecovery.recovery.internal.Durations;

import java.time.Duration;
import java.util.Objects;

/**
 * When a {@link CircuitBreaker} opens and how it recovers. Immutable; made by {@link #builder()}, whose setters
 * validate at once.
 *
 * <p>Two ways to open, exclusive:
 * <ul>
 *   <li>{@link Mode#CONSECUTIVE_FAILURES} (the default): after {@code failureThreshold} consecutive failures
 *       (default 3);</li>
 *   <li>{@link Mode#FAILURE_RATE} (chosen by setting {@code failureRateThreshold}): when at least
 *       {@code failureRateThreshold} percent of the last {@code slidingWindowSize} calls (default 20) failed,
 *       once at least {@code minimumCalls} calls (default 10) were recorded.</li>
 * </ul>
 * An open breaker refuses calls for {@code openDuration} (default 30 s), then lets {@code permittedTrialCalls}
 * trial calls through (default 1); it closes when that many trials succeeded and opens again when one fails.
 */
public final class CircuitBreakerConfig {

    /** How a closed breaker decides to open. */
    public enum Mode {
        /** Open after a number of consecutive failures. */
        CONSECUTIVE_FAILURES,
        /** Open when the failure percentage over a count-based sliding window reaches a threshold. */
        FAILURE_RATE
    }

    /** Default consecutive failures that open the breaker: 3. */
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;
    /** Default sliding window size in calls (failure-rate mode): 20. */
    public static final int DEFAULT_SLIDING_WINDOW_SIZE = 20;
    /** Default minimum calls in the window before the rate is judged: 10. */
    public static final int DEFAULT_MINIMUM_CALLS = 10;
    /** Default time an open breaker refuses calls: 30 seconds. */
    public static final Duration DEFAULT_OPEN_DURATION = Duration.ofSeconds(30);
    /** Default trial calls let through when half-open: 1. */
    public static final int DEFAULT_PERMITTED_TRIAL_CALLS = 1;

    private static final CircuitBreakerConfig DEFAULTS = builder().build();

    private final Mode mode;
    private final int failureThreshold;
    private final double failureRateThreshold;
    private final int slidingWindowSize;
    private final int minimumCalls;
    private final Duration openDuration;
    private final int permittedTrialCalls;

    private CircuitBreakerConfig(Builder b) {
        this.mode = Double.isNaN(b.failureRateThreshold) ? Mode.CONSECUTIVE_FAILURES : Mode.FAILURE_RATE;
        this.failureThreshold = b.failureThreshold;
        this.failureRateThreshold = b.failureRateThreshold;
        this.slidingWindowSize = b.slidingWindowSize;
        this.minimumCalls = b.minimumCalls;
        this.openDuration = b.openDuration;
        this.permittedTrialCalls = b.permittedTrialCalls;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: open after 3 consecutive failures, for 30 s, then 1 trial call. */
    public static CircuitBreakerConfig defaults() {
        return DEFAULTS;
    }

    /** How the closed breaker decides to open. */
    public Mode mode() {
        return mode;
    }

    /** Consecutive failures that open the breaker ({@link Mode#CONSECUTIVE_FAILURES}). */
    public int failureThreshold() {
        return failureThreshold;
    }

    /** Failure percentage (0–100] that opens the breaker ({@link Mode#FAILURE_RATE}); NaN in the other mode. */
    public double failureRateThreshold() {
        return failureRateThreshold;
    }

    /** Number of most recent calls the failure rate is computed over. */
    public int slidingWindowSize() {
        return slidingWindowSize;
    }

    /** Calls needed in the window before the failure rate can open the breaker. */
    public int minimumCalls() {
        return minimumCalls;
    }

    /** How long an open breaker refuses calls before a trial. */
    public Duration openDuration() {
        return openDuration;
    }

    /** Trial calls let through when half-open; the same number of successes closes the breaker. */
    public int permittedTrialCalls() {
        return permittedTrialCalls;
    }

    /** A one-line description. */
    @Override
    public String toString() {
        String opens = mode == Mode.CONSECUTIVE_FAILURES
                ? "opens after " + failureThreshold + " consecutive failures"
                : "opens at " + failureRateThreshold + "% failures over the last " + slidingWindowSize
                        + " calls (minimum " + minimumCalls + ")";
        return "CircuitBreakerConfig[" + opens + ", open for " + Durations.format(openDuration) + ", "
                + permittedTrialCalls + " trial call(s)]";
    }

    /** Builds a {@link CircuitBreakerConfig}; setters validate at once. Not thread-safe. */
    public static final class Builder {
        private int failureThreshold = DEFAULT_FAILURE_THRESHOLD;
        private boolean failureThresholdSet;
        private double failureRateThreshold = Double.NaN;
        private int slidingWindowSize = DEFAULT_SLIDING_WINDOW_SIZE;
        private int minimumCalls = DEFAULT_MINIMUM_CALLS;
        private Duration openDuration = DEFAULT_OPEN_DURATION;
        private int permittedTrialCalls = DEFAULT_PERMITTED_TRIAL_CALLS;

        private Builder() {
        }

        /**
         * Consecutive failures that open the breaker (default 3). Cannot be combined with
         * {@link #failureRateThreshold(double)}.
         *
         * @throws IllegalArgumentException if {@code failureThreshold < 1} or a failure rate threshold is set
         */
        public Builder failureThreshold(int failureThreshold) {
            if (failureThreshold < 1) {
                throw new IllegalArgumentException("failureThreshold must be >= 1, was " + failureThreshold);
            }
            if (!Double.isNaN(failureRateThreshold)) {
                throw new IllegalArgumentException(
                        "failureThreshold cannot be combined with failureRateThreshold: choose one way to open");
            }
            this.failureThreshold = failureThreshold;
            this.failureThresholdSet = true;
            return this;
        }

        /**
         * Switches to failure-rate mode: open when at least this percentage of the window failed.
         *
         * @param percent in {@code (0, 100]}, for example {@code 50}
         * @throws IllegalArgumentException if out of range or {@link #failureThreshold(int)} was set
         */
        public Builder failureRateThreshold(double percent) {
            if (!(percent > 0.0 && percent <= 100.0)) {
                throw new IllegalArgumentException("failureRateThreshold must be > 0 and <= 100 (percent), was "
                        + percent);
            }
            if (failureThresholdSet) {
                throw new IllegalArgumentException(
                        "failureRateThreshold cannot be combined with failureThreshold: choose one way to open");
            }
            this.failureRateThreshold = percent;
            return this;
        }

        /**
         * Calls in the failure-rate window (default 20).
         *
         * @throws IllegalArgumentException if {@code size < 1}
         */
        public Builder slidingWindowSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("slidingWindowSize must be >= 1, was " + size);
            }
            this.slidingWindowSize = size;
            return this;
        }

        /**
         * Calls needed before the failure rate is judged (default 10); must not exceed the window size, which
         * {@link #build()} checks.
         *
         * @throws IllegalArgumentException if {@code minimumCalls < 1}
         */
        public Builder minimumCalls(int minimumCalls) {
            if (minimumCalls < 1) {
                throw new IllegalArgumentException("minimumCalls must be >= 1, was " + minimumCalls);
            }
            this.minimumCalls = minimumCalls;
            return this;
        }

        /**
         * How long an open breaker refuses calls (default 30 s).
         *
         * @throws IllegalArgumentException if zero or negative
         */
        public Builder openDuration(Duration openDuration) {
            Objects.requireNonNull(openDuration, "openDuration");
            if (openDuration.isZero() || openDuration.isNegative()) {
                throw new IllegalArgumentException("openDuration must be > 0, was " + openDuration);
            }
            this.openDuration = openDuration;
            return this;
        }

        /**
         * Trial calls when half-open and successes needed to close (default 1).
         *
         * @throws IllegalArgumentException if {@code permittedTrialCalls < 1}
         */
        public Builder permittedTrialCalls(int permittedTrialCalls) {
            if (permittedTrialCalls < 1) {
                throw new IllegalArgumentException("permittedTrialCalls must be >= 1, was " + permittedTrialCalls);
            }
            this.permittedTrialCalls = permittedTrialCalls;
            return this;
        }

        /**
         * The immutable config.
         *
         * @throws IllegalArgumentException if {@code minimumCalls > slidingWindowSize} in failure-rate mode
         */
        public CircuitBreakerConfig build() {
            if (!Double.isNaN(failureRateThreshold) && minimumCalls > slidingWindowSize) {
                throw new IllegalArgumentException("minimumCalls must be <= slidingWindowSize (" + slidingWindowSize
                        + "), was " + minimumCalls);
            }
            return new CircuitBreakerConfig(this);
        }
    }
}
