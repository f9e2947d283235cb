package io.etlrecovery.recovery;

import io.etlrecovery.recovery.internal.Durations;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When and how often a failed call is tried again. Immutable and thread-safe; made by {@link #builder()}, which
 * validates each value at once.
 *
 * <p>Two bounds always apply together, whichever is hit first ends the retries:
 * <ul>
 *   <li>{@code maxAttempts}: the total number of attempts, the first one included (default 5);</li>
 *   <li>{@code maxDuration}: the total time of the retries, delays and the attempts' own time included (default
 *       5 minutes; the {@link ErrorRecoveryManager} measures it from the end of the first failed attempt). A retry
 *       whose delay would end after this bound is not made. There is no unbounded setting.</li>
 * </ul>
 * The default backoff is exponential from 1 s, ×2 per retry, at most 60 s, with ±25% jitter.
 * Which failures are retried at all is decided by their {@link ErrorCategory} (see {@link RecoveryPolicies}).
 */
public final class RetryPolicy {

    /** Default total number of attempts: 5. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** Default bound on the total time of all attempts and delays: 5 minutes. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(5);
    /** Default backoff: exponential 1 s → 60 s, ×2, with ±25% jitter. */
    public static final Backoff DEFAULT_BACKOFF =
            Backoff.exponential(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60)).withJitter(Jitter.proportional(0.25));

    private static final RetryPolicy DEFAULTS = builder().build();
    private static final RetryPolicy NONE = builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration maxDuration;
    private final Backoff backoff;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.maxDuration = b.maxDuration;
        this.backoff = b.backoff;
    }

    /** A new builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: 5 attempts within 5 minutes, exponential backoff 1 s → 60 s ×2 with ±25% jitter. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** One attempt, no retry. */
    public static RetryPolicy none() {
        return NONE;
    }

    /** A builder holding this policy's values. */
    public Builder toBuilder() {
        return new Builder().maxAttempts(maxAttempts).maxDuration(maxDuration).backoff(backoff);
    }

    /** This policy with another {@code maxAttempts}. */
    public RetryPolicy withMaxAttempts(int maxAttempts) {
        return toBuilder().maxAttempts(maxAttempts).build();
    }

    /** Total attempts, the first included; at least 1. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Bound on the total time of all attempts and delays; positive. */
    public Duration maxDuration() {
        return maxDuration;
    }

    /** The delays between attempts. */
    public Backoff backoff() {
        return backoff;
    }

    /** Whether this policy allows any retry. */
    public boolean retries() {
        return maxAttempts > 1;
    }

    /**
     * The delay before retry {@code retryNumber} (1 = before the second attempt).
     *
     * @param retryNumber 1, 2, …
     * @param random      the source of jitter
     */
    public Duration delayBefore(int retryNumber, RandomGenerator random) {
        return backoff.delayBefore(retryNumber, random);
    }

    /**
     * Whether another attempt may be made after {@code attemptsMade} attempts, {@code elapsed} since the first
     * one started, when the next attempt would first wait {@code nextDelay}.
     */
    public boolean allowsAnotherAttempt(int attemptsMade, Duration elapsed, Duration nextDelay) {
        return attemptsMade < maxAttempts && elapsed.plus(nextDelay).compareTo(maxDuration) <= 0;
    }

    /** A one-line description, for example {@code 5 attempts within 5m, exponential 1s ×2 up to 1m, ±25% jitter}. */
    public String describe() {
        if (maxAttempts == 1) {
            return "1 attempt (no retry)";
        }
        return maxAttempts + " attempts within " + Durations.format(maxDuration) + ", " + backoff;
    }

    @Override
    public String toString() {
        return "RetryPolicy[" + describe() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy p && p.maxAttempts == maxAttempts && p.maxDuration.equals(maxDuration)
                && p.backoff.equals(backoff);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, maxDuration, backoff);
    }

    /** Builds a {@link RetryPolicy}; each setter validates its argument at once. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration maxDuration = DEFAULT_MAX_DURATION;
        private Backoff backoff = DEFAULT_BACKOFF;

        private Builder() {
        }

        /**
         * Total attempts, the first included (default 5).
         *
         * @throws IllegalArgumentException if {@code maxAttempts < 1}
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Bound on the total time, delays included (default 5 minutes).
         *
         * @throws IllegalArgumentException if {@code maxDuration} is zero or negative
         */
        public Builder maxDuration(Duration maxDuration) {
            Objects.requireNonNull(maxDuration, "maxDuration");
            if (maxDuration.isZero() || maxDuration.isNegative()) {
                throw new IllegalArgumentException("maxDuration must be > 0, was " + maxDuration);
            }
            this.maxDuration = maxDuration;
            return this;
        }

        /** The delays between attempts (default exponential 1 s → 60 s ×2 with ±25% jitter). */
        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /** The immutable policy. */
        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
