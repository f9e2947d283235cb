package io.etlrecovery.recovery.internal;

import io.etlrecovery.recovery.Backoff;
import io.etlrecovery.recovery.Jitter;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** The built-in {@link Backoff} implementations. Internal: use the factories on {@link Backoff}. */
public final class Backoffs {

    private Backoffs() {
    }

    public static Backoff fixed(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0, was " + delay);
        }
        return new Fixed(delay);
    }

    public static Backoff exponential(Duration initial, double multiplier, Duration max) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative()) {
            throw new IllegalArgumentException("initialDelay must be >= 0, was " + initial);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be >= 1, was " + multiplier);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("maxDelay must be >= initialDelay (" + Durations.format(initial)
                    + "), was " + Durations.format(max));
        }
        return new Exponential(initial, multiplier, max);
    }

    public static Backoff jittered(Backoff backoff, Jitter jitter) {
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(jitter, "jitter");
        return new Jittered(backoff, jitter);
    }

    private static void checkRetryNumber(int retryNumber) {
        if (retryNumber < 1) {
            throw new IllegalArgumentException("retryNumber must be >= 1, was " + retryNumber);
        }
    }

    private record Fixed(Duration delay) implements Backoff {
        @Override
        public Duration delayBefore(int retryNumber, RandomGenerator random) {
            checkRetryNumber(retryNumber);
            return delay;
        }

        @Override
        public String toString() {
            return "fixed " + Durations.format(delay);
        }
    }

    private record Exponential(Duration initial, double multiplier, Duration max) implements Backoff {
        @Override
        public Duration delayBefore(int retryNumber, RandomGenerator random) {
            checkRetryNumber(retryNumber);
            double nanos = initial.toNanos() * Math.pow(multiplier, retryNumber - 1);
            long maxNanos = max.toNanos();
            return nanos >= maxNanos ? max : Duration.ofNanos((long) nanos);
        }

        @Override
        public Optional<Duration> maxDelay() {
            return Optional.of(max);
        }

        @Override
        public String toString() {
            return "exponential " + Durations.format(initial) + " ×" + formatNumber(multiplier) + " up to "
                    + Durations.format(max);
        }
    }

    private record Jittered(Backoff backoff, Jitter jitter) implements Backoff {
        @Override
        public Duration delayBefore(int retryNumber, RandomGenerator random) {
            Duration base = backoff.delayBefore(retryNumber, random);
            Duration jittered = jitter.apply(base, random);
            if (jittered.isNegative()) {
                return Duration.ZERO;
            }
            Optional<Duration> max = backoff.maxDelay();
            return max.isPresent() && jittered.compareTo(max.get()) > 0 ? max.get() : jittered;
        }

        @Override
        public Optional<Duration> maxDelay() {
            return backoff.maxDelay();
        }

        @Override
        public String toString() {
            return backoff + ", " + jitter;
        }
    }

    static String formatNumber(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
