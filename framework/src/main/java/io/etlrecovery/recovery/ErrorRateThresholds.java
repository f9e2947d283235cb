package io.etlrecovery.recovery;

import io.etlrecovery.recovery.internal.Durations;

import java.time.Duration;
import java.util.Objects;

/**
 * When an {@link ErrorRateMonitor} raises an {@link Alert.Kind#ERROR_RATE} alert. Immutable; made by
 * {@link #builder()}, whose setters validate at once.
 *
 * <p>Defaults: WARNING when more than 1% of the records of the last 5 minutes failed, CRITICAL when more than 5%
 * of the records of the last minute failed; a window is only judged once it holds at least 100 records (so one
 * failure out of two records does not page anyone).
 */
public final class ErrorRateThresholds {

    private static final ErrorRateThresholds DEFAULTS = builder().build();

    private final double warningRate;
    private final Duration warningWindow;
    private final double criticalRate;
    private final Duration criticalWindow;
    private final long minRecords;

    private ErrorRateThresholds(Builder b) {
        this.warningRate = b.warningRate;
        this.warningWindow = b.warningWindow;
        this.criticalRate = b.criticalRate;
        this.criticalWindow = b.criticalWindow;
        this.minRecords = b.minRecords;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults (see the class comment). */
    public static ErrorRateThresholds defaults() {
        return DEFAULTS;
    }

    /** Failed fraction above which a WARNING is raised (default 0.01). */
    public double warningRate() {
        return warningRate;
    }

    /** The window of the WARNING threshold (default 5 minutes). */
    public Duration warningWindow() {
        return warningWindow;
    }

    /** Failed fraction above which a CRITICAL alert is raised (default 0.05). */
    public double criticalRate() {
        return criticalRate;
    }

    /** The window of the CRITICAL threshold (default 1 minute). */
    public Duration criticalWindow() {
        return criticalWindow;
    }

    /** Records a window must hold before it is judged (default 100). */
    public long minRecords() {
        return minRecords;
    }

    @Override
    public String toString() {
        return "ErrorRateThresholds[warning > " + warningRate + " over " + Durations.format(warningWindow)
                + ", critical > " + criticalRate + " over " + Durations.format(criticalWindow) + ", minimum "
                + minRecords + " records]";
    }

    /** Builds {@link ErrorRateThresholds}; setters validate at once. Not thread-safe. */
    public static final class Builder {
        private double warningRate = 0.01;
        private Duration warningWindow = Duration.ofMinutes(5);
        private double criticalRate = 0.05;
        private Duration criticalWindow = Duration.ofMinutes(1);
        private long minRecords = 100;

        private Builder() {
        }

        /**
         * Failed fraction above which a WARNING is raised (default 0.01).
         *
         * @throws IllegalArgumentException unless {@code 0 <= rate < 1}
         */
        public Builder warningRate(double rate) {
            this.warningRate = checkRate("warningRate", rate);
            return this;
        }

        /**
         * The window of the WARNING threshold (default 5 minutes).
         *
         * @throws IllegalArgumentException unless at least 1 ms
         */
        public Builder warningWindow(Duration window) {
            this.warningWindow = checkWindow("warningWindow", window);
            return this;
        }

        /**
         * Failed fraction above which a CRITICAL alert is raised (default 0.05).
         *
         * @throws IllegalArgumentException unless {@code 0 <= rate < 1}
         */
        public Builder criticalRate(double rate) {
            this.criticalRate = checkRate("criticalRate", rate);
            return this;
        }

        /**
         * The window of the CRITICAL threshold (default 1 minute).
         *
         * @throws IllegalArgumentException unless at least 1 ms
         */
        public Builder criticalWindow(Duration window) {
            this.criticalWindow = checkWindow("criticalWindow", window);
            return this;
        }

        /**
         * Records a window must hold before it is judged (default 100).
         *
         * @throws IllegalArgumentException if {@code minRecords < 1}
         */
        public Builder minRecords(long minRecords) {
            if (minRecords < 1) {
                throw new IllegalArgumentException("minRecords must be >= 1, was " + minRecords);
            }
            this.minRecords = minRecords;
            return this;
        }

        /** The immutable thresholds. */
        public ErrorRateThresholds build() {
            return new ErrorRateThresholds(this);
        }

        private static double checkRate(String name, double rate) {
            if (!(rate >= 0.0 && rate < 1.0)) {
                throw new IllegalArgumentException(name + " must be a fraction >= 0 and < 1, was " + rate);
            }
            return rate;
        }

        private static Duration checkWindow(String name, Duration window) {
            Objects.requireNonNull(window, name);
            if (window.toMillis() < 1) {
                throw new IllegalArgumentException(name + " must be at least 1ms, was " + window);
            }
            return window;
        }
    }
}
