package io.etlrecovery.recovery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one kind of call is protected: which circuit breaker guards it, its timeout, its fallback, a retry policy
 * overriding the category's, and what to do when the breaker is open. Immutable and reusable across calls; made by
 * {@link #builder()}, whose setters validate at once.
 *
 * <p>Defaults: no dependency (no breaker), no timeout, no fallback, the retry policy of the failure's category
 * ({@link RecoveryPolicies}), {@link OpenCircuitBehaviour#FALLBACK} (which is {@code STOP} without a fallback),
 * at most 2 minutes of waiting for a half-open breaker in {@code WAIT} mode.
 *
 * @param <T> the result type of the calls, as far as the fallback is concerned
 */
public final class CallOptions<T> {

    /** Default bound on the total wait for a half-open breaker per call ({@link OpenCircuitBehaviour#WAIT}). */
    public static final Duration DEFAULT_MAX_WAIT_FOR_HALF_OPEN = Duration.ofMinutes(2);

    private static final CallOptions<Object> DEFAULTS = new Builder<>().build();

    private final String dependency;
    private final Duration timeout;
    private final Fallback<? extends T> fallback;
    private final RetryPolicy retry;
    private final OpenCircuitBehaviour onOpenCircuit;
    private final Duration maxWaitForHalfOpen;

    private CallOptions(Builder<T> b) {
        this.dependency = b.dependency;
        this.timeout = b.timeout;
        this.fallback = b.fallback;
        this.retry = b.retry;
        this.onOpenCircuit = b.onOpenCircuit;
        this.maxWaitForHalfOpen = b.maxWaitForHalfOpen;
    }

    /** {@code o}'s options with {@code fallback} instead of its own: one copy, for the per-record fallbacks. */
    private CallOptions(CallOptions<?> o, Fallback<? extends T> fallback) {
        this.dependency = o.dependency;
        this.timeout = o.timeout;
        this.fallback = fallback;
        this.retry = o.retry;
        this.onOpenCircuit = o.onOpenCircuit;
        this.maxWaitForHalfOpen = o.maxWaitForHalfOpen;
    }

    /** A builder holding the defaults. */
    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** The defaults: no breaker, no timeout, no fallback, the category's retry policy. */
    @SuppressWarnings("unchecked")
    public static <T> CallOptions<T> defaults() {
        return (CallOptions<T>) DEFAULTS; // safe: holds no fallback, nothing else depends on T
    }

    /** Shortcut: the defaults with the breaker of {@code dependency}. */
    public static <T> CallOptions<T> forDependency(String dependency) {
        return CallOptions.<T>builder().dependency(dependency).build();
    }

    /** A builder holding these options (the fallback included). */
    public Builder<T> toBuilder() {
        Builder<T> b = new Builder<>();
        b.dependency = dependency;
        b.timeout = timeout;
        b.fallback = fallback;
        b.retry = retry;
        b.onOpenCircuit = onOpenCircuit;
        b.maxWaitForHalfOpen = maxWaitForHalfOpen;
        return b;
    }

    /** These options for another result type, with {@code fallback}. */
    public <U> CallOptions<U> withFallback(Fallback<? extends U> fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return new CallOptions<>(this, fallback);
    }

    /** These options for another result type, without fallback. */
    public <U> CallOptions<U> withoutFallback() {
        return new CallOptions<>(this, null);
    }

    /** The circuit breaker's name, if the call has one. */
    public Optional<String> dependency() {
        return Optional.ofNullable(dependency);
    }

    /** The timeout of each attempt, if any. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** The fallback, if any. */
    public Optional<Fallback<? extends T>> fallback() {
        return Optional.ofNullable(fallback);
    }

    /** The retry policy overriding the category's, if any. */
    public Optional<RetryPolicy> retry() {
        return Optional.ofNullable(retry);
    }

    /** What to do when the breaker is open. */
    public OpenCircuitBehaviour onOpenCircuit() {
        return onOpenCircuit;
    }

    /** Bound on the total wait for a half-open breaker per call in {@code WAIT} mode. */
    public Duration maxWaitForHalfOpen() {
        return maxWaitForHalfOpen;
    }

    // unboxed accessors for the manager's hot path
    String dependencyOrNull() {
        return dependency;
    }

    Duration timeoutOrNull() {
        return timeout;
    }

    Fallback<? extends T> fallbackOrNull() {
        return fallback;
    }

    RetryPolicy retryOrNull() {
        return retry;
    }

    @Override
    public String toString() {
        return "CallOptions[dependency=" + dependency + ", timeout=" + timeout + ", fallback=" + (fallback != null)
                + ", retry=" + retry + ", onOpenCircuit=" + onOpenCircuit + ", maxWaitForHalfOpen="
                + maxWaitForHalfOpen + "]";
    }

    /**
     * Builds {@link CallOptions}; setters validate at once. Not thread-safe.
     *
     * @param <T> the result type of the calls
     */
    public static final class Builder<T> {
        private String dependency;
        private Duration timeout;
        private Fallback<? extends T> fallback;
        private RetryPolicy retry;
        private OpenCircuitBehaviour onOpenCircuit = OpenCircuitBehaviour.FALLBACK;
        private Duration maxWaitForHalfOpen = DEFAULT_MAX_WAIT_FOR_HALF_OPEN;

        private Builder() {
        }

        /**
         * The circuit breaker guarding the call, by dependency name (for example {@code "orders-api"}).
         *
         * @throws IllegalArgumentException if blank
         */
        public Builder<T> dependency(String breakerName) {
            Objects.requireNonNull(breakerName, "dependency");
            if (breakerName.isBlank()) {
                throw new IllegalArgumentException("dependency must not be blank");
            }
            this.dependency = breakerName;
            return this;
        }

        /**
         * The timeout of each attempt: the call runs on a worker thread and is interrupted and abandoned when it
         * takes longer, failing with a {@link java.util.concurrent.TimeoutException}.
         *
         * @throws IllegalArgumentException if zero or negative
         */
        public Builder<T> timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** The fallback used when the retries are exhausted or the breaker is open. */
        public Builder<T> fallback(Fallback<? extends T> fallback) {
            this.fallback = Objects.requireNonNull(fallback, "fallback");
            return this;
        }

        /**
         * A retry policy used instead of the category's own, for the categories that are retried at all (by default
         * TRANSIENT, SYSTEM and UNKNOWN); a category without retries (DATA, CONFIGURATION) stays without.
         */
        public Builder<T> retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** What to do when the breaker is open (default {@link OpenCircuitBehaviour#FALLBACK}). */
        public Builder<T> onOpenCircuit(OpenCircuitBehaviour behaviour) {
            this.onOpenCircuit = Objects.requireNonNull(behaviour, "onOpenCircuit");
            return this;
        }

        /**
         * Bound on the total wait for a half-open breaker per call in {@code WAIT} mode (default 2 minutes).
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder<T> maxWaitForHalfOpen(Duration maxWait) {
            Objects.requireNonNull(maxWait, "maxWaitForHalfOpen");
            if (maxWait.isNegative()) {
                throw new IllegalArgumentException("maxWaitForHalfOpen must be >= 0, was " + maxWait);
            }
            this.maxWaitForHalfOpen = maxWait;
            return this;
        }

        /** The immutable options. */
        public CallOptions<T> build() {
            return new CallOptions<>(this);
        }
    }
}
