package io.etlrecovery.recovery;

import io.etlrecovery.recovery.internal.Backoffs;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How long to wait before each retry: a function of the retry number (1 = the wait before the second attempt).
 *
 * <p>The built-in backoffs are immutable and thread-safe; they never return a negative delay and never exceed
 * their {@linkplain #maxDelay() maximum}, also after jitter. Randomness comes only from the
 * {@link RandomGenerator} passed in, so tests get exact delays with a fixed generator.
 */
@FunctionalInterface
public interface Backoff {

    /**
     * The delay before retry number {@code retryNumber}.
     *
     * @param retryNumber 1 for the first retry (the second attempt), 2 for the next, …
     * @param random      the source of randomness for jitter
     * @return the delay, never negative
     */
    Duration delayBefore(int retryNumber, RandomGenerator random);

    /** The largest delay this backoff returns, if it has one; jitter never goes above it. Default: none. */
    default Optional<Duration> maxDelay() {
        return Optional.empty();
    }

    /**
     * Returns this backoff with {@code jitter} applied to each delay; the result is clamped to
     * {@code [0, maxDelay()]}.
     */
    default Backoff withJitter(Jitter jitter) {
        return Backoffs.jittered(this, jitter);
    }

    /**
     * The same delay before every retry.
     *
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    static Backoff fixed(Duration delay) {
        return Backoffs.fixed(delay);
    }

    /**
     * {@code initial × multiplier^(retryNumber − 1)}, capped at {@code max}.
     *
     * @throws IllegalArgumentException if {@code initial} is negative, {@code multiplier < 1} or {@code max < initial}
     */
    static Backoff exponential(Duration initial, double multiplier, Duration max) {
        return Backoffs.exponential(initial, multiplier, max);
    }
}
