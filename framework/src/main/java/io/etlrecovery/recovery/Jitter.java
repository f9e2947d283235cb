package io.etlrecovery.recovery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Randomises a backoff delay so that many clients that failed together do not all retry at the same instant.
 *
 * <p>Guarantees of the built-in jitters: the result is never negative; the random number comes only from the
 * {@link RandomGenerator} passed in (one {@code nextDouble()} call per delay), so a fixed generator gives exact,
 * testable delays. The cap at the backoff's maximum is applied by {@link Backoff#withJitter(Jitter)}.
 */
@FunctionalInterface
public interface Jitter {

    /**
     * Returns the randomised delay.
     *
     * @param delay  the delay computed by the backoff, never negative
     * @param random the source of randomness
     * @return the delay to use; the caller clamps it to {@code [0, max]}
     */
    Duration apply(Duration delay, RandomGenerator random);

    /** No jitter: the delay unchanged. */
    static Jitter none() {
        return new Jitter() {
            @Override
            public Duration apply(Duration delay, RandomGenerator random) {
                return delay;
            }

            @Override
            public String toString() {
                return "no jitter";
            }
        };
    }

    /** "Full jitter": uniformly distributed in {@code [0, delay)}. */
    static Jitter full() {
        return new Jitter() {
            @Override
            public Duration apply(Duration delay, RandomGenerator random) {
                return Duration.ofNanos((long) (delay.toNanos() * random.nextDouble()));
            }

            @Override
            public String toString() {
                return "full jitter";
            }
        };
    }

    /**
     * Proportional jitter: uniformly distributed in {@code [delay × (1 − fraction), delay × (1 + fraction))}.
     *
     * @param fraction how far the delay may move either way, in {@code (0, 1]}; {@code 0.25} means ±25%
     * @throws IllegalArgumentException if {@code fraction} is outside {@code (0, 1]}
     */
    static Jitter proportional(double fraction) {
        if (!(fraction > 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("jitter fraction must be > 0 and <= 1, was " + fraction);
        }
        return new Jitter() {
            @Override
            public Duration apply(Duration delay, RandomGenerator random) {
                double factor = 1.0 + fraction * (2.0 * random.nextDouble() - 1.0);
                return Duration.ofNanos(Math.max(0L, (long) (delay.toNanos() * factor)));
            }

            @Override
            public String toString() {
                return "±" + formatPercent(fraction) + " jitter";
            }
        };
    }

    private static String formatPercent(double fraction) {
        double percent = fraction * 100.0;
        return percent == Math.rint(percent) ? Long.toString((long) percent) + "%" : percent + "%";
    }
}
