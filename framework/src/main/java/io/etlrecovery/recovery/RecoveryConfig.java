package io.etlrecovery.recovery;

import io.etlrecovery.recovery.internal.Durations;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The recovery settings of one pipeline: loaded from a {@code .properties} file ({@link #load(Path)}) or built in
 * code ({@link #builder()}). Immutable. Everything is checked when loading or building: an unknown key or an
 * invalid value is refused at once with an {@link InvalidConfigurationException} whose message names the file,
 * the key, the accepted values and the value found, for example
 * {@code orders.properties: retry.maxAttempts must be an integer >= 1, was 'abc'}.
 *
 * <p>The keys, their defaults and meanings are listed in {@code docs/configuration.md} and in {@link #KEYS}.
 * Durations are ISO-8601 ({@code PT5M}) or a number with a unit ({@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 2h}, {@code 1d}); rates are fractions ({@code 0.05}) or percentages ({@code 5%}), except
 * {@code breaker.failureRateThreshold}, which is a percentage ({@code 50} or {@code 50%}).
 *
 * <p>Defaults (also {@link #defaults()}): the {@link RetryPolicy#defaults() default retry policy}, the
 * {@link CircuitBreakerConfig#defaults() default breaker}, the {@link RecoveryPolicies#defaults() default matrix},
 * {@link ErrorRateThresholds#defaults() default alert thresholds}, no call timeout, a checkpoint every 1000
 * records or 30 seconds, an error threshold of 10% once 1000 records were processed, no bound on a run's
 * duration.
 */
public final class RecoveryConfig {

    /** Every accepted key except the per-category ones ({@code policy.<category>.maxAttempts|onExhausted|escalate}). */
    public static final Set<String> KEYS = Set.of(
            "retry.maxAttempts", "retry.maxDuration", "retry.backoff", "retry.initialDelay", "retry.maxDelay",
            "retry.multiplier", "retry.jitter",
            "breaker.failureThreshold", "breaker.failureRateThreshold", "breaker.slidingWindowSize",
            "breaker.minimumCalls", "breaker.openDuration", "breaker.halfOpenTrials",
            "timeout.call",
            "checkpoint.interval", "checkpoint.intervalTime",
            "errors.threshold", "errors.thresholdMinRecords",
            "run.maxDuration",
            "alerts.warningRate", "alerts.warningWindow", "alerts.criticalRate", "alerts.criticalWindow",
            "alerts.minRecords");

    /** The per-category keys, after {@code policy.<category>.}. */
    public static final Set<String> CATEGORY_KEYS = Set.of("maxAttempts", "onExhausted", "escalate");

    /** Default records between checkpoints: 1000. */
    public static final int DEFAULT_CHECKPOINT_INTERVAL = 1000;
    /** Default time between checkpoints: 30 seconds. */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL_TIME = Duration.ofSeconds(30);
    /** Default error threshold: 10% of the records. */
    public static final double DEFAULT_ERROR_THRESHOLD = 0.10;
    /** Default records processed before the error threshold applies: 1000. */
    public static final long DEFAULT_ERROR_THRESHOLD_MIN_RECORDS = 1000;

    private static final RecoveryConfig DEFAULTS = builder().build();

    private final String source;
    private final RetryPolicy retryPolicy;
    private final CircuitBreakerConfig circuitBreakerConfig;
    private final RecoveryPolicies recoveryPolicies;
    private final ErrorRateThresholds errorRateThresholds;
    private final Duration callTimeout;
    private final int checkpointInterval;
    private final Duration checkpointIntervalTime;
    private final double errorThreshold;
    private final long errorThresholdMinRecords;
    private final Duration runMaxDuration;

    private RecoveryConfig(Builder b) {
        this.source = b.source;
        this.retryPolicy = b.retryPolicy;
        this.circuitBreakerConfig = b.circuitBreakerConfig;
        RecoveryPolicies p = RecoveryPolicies.basedOn(b.retryPolicy);
        for (Map.Entry<ErrorCategory, CategoryPolicy> e : b.categoryPolicies.entrySet()) {
            p = p.with(e.getKey(), e.getValue());
        }
        this.recoveryPolicies = p;
        this.errorRateThresholds = b.errorRateThresholds;
        this.callTimeout = b.callTimeout;
        this.checkpointInterval = b.checkpointInterval;
        this.checkpointIntervalTime = b.checkpointIntervalTime;
        this.errorThreshold = b.errorThreshold;
        this.errorThresholdMinRecords = b.errorThresholdMinRecords;
        this.runMaxDuration = b.runMaxDuration;
    }

    /** The defaults (see the class comment). */
    public static RecoveryConfig defaults() {
        return DEFAULTS;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads a {@code .properties} file (UTF-8). Keys not set keep their defaults.
     *
     * @throws InvalidConfigurationException if the file cannot be read, or has an unknown key or an invalid value;
     *                                       the message starts with the file's name
     */
    public static RecoveryConfig load(Path file) {
        Objects.requireNonNull(file, "file");
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidConfigurationException(name + ": cannot read the recovery configuration (" + file
                    + "): " + e.getMessage(), e);
        }
        return fromProperties(name, properties);
    }

    /**
     * Reads the settings from {@code properties}.
     *
     * @param sourceName names the source in error messages (for example the file name)
     * @throws InvalidConfigurationException on an unknown key or an invalid value
     */
    public static RecoveryConfig fromProperties(String sourceName, Properties properties) {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(properties, "properties");
        return new Loader(sourceName, properties).load();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.source = source;
        b.retryPolicy = retryPolicy;
        b.circuitBreakerConfig = circuitBreakerConfig;
        for (ErrorCategory c : ErrorCategory.values()) {
            b.categoryPolicies.put(c, recoveryPolicies.get(c));
        }
        b.errorRateThresholds = errorRateThresholds;
        b.callTimeout = callTimeout;
        b.checkpointInterval = checkpointInterval;
        b.checkpointIntervalTime = checkpointIntervalTime;
        b.errorThreshold = errorThreshold;
        b.errorThresholdMinRecords = errorThresholdMinRecords;
        b.runMaxDuration = runMaxDuration;
        return b;
    }

    /** Where these settings came from: a file name, or {@code "code"}. */
    public String source() {
        return source;
    }

    /** The retry policy ({@code retry.*}): TRANSIENT's, and the base of SYSTEM's and UNKNOWN's. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** The breaker config ({@code breaker.*}). */
    public CircuitBreakerConfig circuitBreakerConfig() {
        return circuitBreakerConfig;
    }

    /** The decision matrix: {@link RecoveryPolicies#basedOn(RetryPolicy)} with the {@code policy.*} overrides. */
    public RecoveryPolicies recoveryPolicies() {
        return recoveryPolicies;
    }

    /** The error-rate alert thresholds ({@code alerts.*}). */
    public ErrorRateThresholds errorRateThresholds() {
        return errorRateThresholds;
    }

    /** The timeout of each call attempt ({@code timeout.call}), if any. */
    public Optional<Duration> callTimeout() {
        return Optional.ofNullable(callTimeout);
    }

    /** {@link CallOptions} with the call timeout (if any) and {@code dependency}'s breaker, to refine further. */
    public <T> CallOptions.Builder<T> callOptions(String dependency) {
        CallOptions.Builder<T> b = CallOptions.<T>builder().dependency(dependency);
        if (callTimeout != null) {
            b.timeout(callTimeout);
        }
        return b;
    }

    /** A breaker registry builder with {@link #circuitBreakerConfig()} as the default config (add store, clock). */
    public CircuitBreakerRegistry.Builder circuitBreakerRegistry() {
        return CircuitBreakerRegistry.builder().defaultConfig(circuitBreakerConfig);
    }

    /** Records between checkpoints ({@code checkpoint.interval}, default 1000). */
    public int checkpointInterval() {
        return checkpointInterval;
    }

    /** Longest time between checkpoints ({@code checkpoint.intervalTime}, default 30 s). */
    public Duration checkpointIntervalTime() {
        return checkpointIntervalTime;
    }

    /** Fraction of failed records above which a run fails ({@code errors.threshold}, default 0.10). */
    public double errorThreshold() {
        return errorThreshold;
    }

    /** Records processed before {@link #errorThreshold()} applies ({@code errors.thresholdMinRecords}, 1000). */
    public long errorThresholdMinRecords() {
        return errorThresholdMinRecords;
    }

    /** Longest a run may take ({@code run.maxDuration}), if bounded; default unbounded. */
    public Optional<Duration> runMaxDuration() {
        return Optional.ofNullable(runMaxDuration);
    }

    @Override
    public String toString() {
        return "RecoveryConfig[" + source + ": retry " + retryPolicy.describe() + ", " + circuitBreakerConfig
                + ", timeout " + (callTimeout == null ? "none" : Durations.format(callTimeout)) + ", checkpoint "
                + checkpointInterval + " records/" + Durations.format(checkpointIntervalTime) + ", error threshold "
                + errorThreshold + " after " + errorThresholdMinRecords + " records, " + errorRateThresholds + "]";
    }

    /** Builds a {@link RecoveryConfig}; setters validate at once. Not thread-safe. */
    public static final class Builder {
        private String source = "code";
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private CircuitBreakerConfig circuitBreakerConfig = CircuitBreakerConfig.defaults();
        private final Map<ErrorCategory, CategoryPolicy> categoryPolicies = new EnumMap<>(ErrorCategory.class);
        private ErrorRateThresholds errorRateThresholds = ErrorRateThresholds.defaults();
        private Duration callTimeout;
        private int checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;
        private Duration checkpointIntervalTime = DEFAULT_CHECKPOINT_INTERVAL_TIME;
        private double errorThreshold = DEFAULT_ERROR_THRESHOLD;
        private long errorThresholdMinRecords = DEFAULT_ERROR_THRESHOLD_MIN_RECORDS;
        private Duration runMaxDuration;

        private Builder() {
        }

        /** Names the source in messages (default {@code "code"}). */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The retry policy (default {@link RetryPolicy#defaults()}). */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** The breaker config (default {@link CircuitBreakerConfig#defaults()}). */
        public Builder circuitBreakerConfig(CircuitBreakerConfig config) {
            this.circuitBreakerConfig = Objects.requireNonNull(config, "circuitBreakerConfig");
            return this;
        }

        /** Overrides the policy of one category (otherwise derived from the retry policy). */
        public Builder categoryPolicy(ErrorCategory category, CategoryPolicy policy) {
            categoryPolicies.put(Objects.requireNonNull(category, "category"),
                    Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /** The error-rate alert thresholds (default {@link ErrorRateThresholds#defaults()}). */
        public Builder errorRateThresholds(ErrorRateThresholds thresholds) {
            this.errorRateThresholds = Objects.requireNonNull(thresholds, "errorRateThresholds");
            return this;
        }

        /**
         * The timeout of each call attempt; {@code null} for none (the default).
         *
         * @throws IllegalArgumentException if zero or negative
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = timeout == null ? null : positive("callTimeout", timeout);
            return this;
        }

        /**
         * Records between checkpoints (default 1000).
         *
         * @throws IllegalArgumentException if {@code < 1}
         */
        public Builder checkpointInterval(int records) {
            if (records < 1) {
                throw new IllegalArgumentException("checkpointInterval must be >= 1, was " + records);
            }
            this.checkpointInterval = records;
            return this;
        }

        /**
         * Longest time between checkpoints (default 30 s).
         *
         * @throws IllegalArgumentException if zero or negative
         */
        public Builder checkpointIntervalTime(Duration interval) {
            this.checkpointIntervalTime = positive("checkpointIntervalTime", interval);
            return this;
        }

        /**
         * Fraction of failed records above which a run fails (default 0.10).
         *
         * @throws IllegalArgumentException unless {@code 0 < threshold <= 1}
         */
        public Builder errorThreshold(double threshold) {
            if (!(threshold > 0.0 && threshold <= 1.0)) {
                throw new IllegalArgumentException("errorThreshold must be a fraction > 0 and <= 1, was "
                        + threshold);
            }
            this.errorThreshold = threshold;
            return this;
        }

        /**
         * Records processed before the error threshold applies (default 1000).
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder errorThresholdMinRecords(long records) {
            if (records < 0) {
                throw new IllegalArgumentException("errorThresholdMinRecords must be >= 0, was " + records);
            }
            this.errorThresholdMinRecords = records;
            return this;
        }

        /**
         * Longest a run may take; {@code null} for unbounded (the default).
         *
         * @throws IllegalArgumentException if zero or negative
         */
        public Builder runMaxDuration(Duration maxDuration) {
            this.runMaxDuration = maxDuration == null ? null : positive("runMaxDuration", maxDuration);
            return this;
        }

        /** The immutable settings. */
        public RecoveryConfig build() {
            return new RecoveryConfig(this);
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be > 0, was " + d);
            }
            return d;
        }
    }

    /** Reads and checks a {@link Properties}; every message starts with the source's name. */
    private static final class Loader {
        private static final String POSITIVE_INT = "an integer >= 1";
        private static final String DURATION = Durations.ACCEPTED_FORMS;
        private static final String POSITIVE_DURATION = DURATION + ", greater than zero";

        private final String source;
        private final Properties properties;
        /** {@code policy.<lower-case category>.<key>} → the key as written. */
        private final Map<String, String> policyKeys = new java.util.HashMap<>();

        Loader(String source, Properties properties) {
            this.source = source;
            this.properties = properties;
        }

        RecoveryConfig load() {
            checkKeys();
            Builder b = builder().source(source);

            RetryPolicy retry = retryPolicy();
            b.retryPolicy(retry);
            b.circuitBreakerConfig(breakerConfig());
            categoryPolicies(retry).forEach(b::categoryPolicy);
            b.errorRateThresholds(alertThresholds());
            duration("timeout.call", true).ifPresent(b::callTimeout);
            integer("checkpoint.interval", 1).ifPresent(b::checkpointInterval);
            duration("checkpoint.intervalTime", true).ifPresent(b::checkpointIntervalTime);
            value("errors.threshold").ifPresent(v -> b.errorThreshold(
                    rate("errors.threshold", v, "a fraction > 0 and <= 1 (0.10) or a percentage (10%)", false)));
            longValue("errors.thresholdMinRecords", 0).ifPresent(b::errorThresholdMinRecords);
            duration("run.maxDuration", true).ifPresent(b::runMaxDuration);
            return b.build();
        }

        private void checkKeys() {
            Set<String> unknown = new TreeSet<>();
            for (String key : properties.stringPropertyNames()) {
                if (KEYS.contains(key)) {
                    continue;
                }
                if (key.startsWith("policy.")) {
                    String[] parts = key.split("\\.", -1);
                    if (parts.length == 3 && category(parts[1]) != null && CATEGORY_KEYS.contains(parts[2])) {
                        String canonical = "policy." + parts[1].toLowerCase(Locale.ROOT) + "." + parts[2];
                        String previous = policyKeys.put(canonical, key);
                        if (previous != null) {
                            throw error(key + " and " + previous + " set the same thing: keep one");
                        }
                        continue;
                    }
                    if (parts.length == 3 && category(parts[1]) == null) {
                        throw error(key + ": unknown category '" + parts[1] + "'; accepted categories: "
                                + categoryNames());
                    }
                }
                unknown.add(key);
            }
            if (!unknown.isEmpty()) {
                throw error("unknown key" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                        + "; accepted keys: " + String.join(", ", new TreeSet<>(KEYS)) + " and policy.<category>."
                        + String.join("|", new TreeSet<>(CATEGORY_KEYS)) + " with <category> one of "
                        + categoryNames());
            }
        }

        private RetryPolicy retryPolicy() {
            RetryPolicy.Builder b = RetryPolicy.builder();
            integer("retry.maxAttempts", 1).ifPresent(b::maxAttempts);
            duration("retry.maxDuration", true).ifPresent(b::maxDuration);
            Optional<String> backoffKind = value("retry.backoff").map(v -> v.toLowerCase(Locale.ROOT));
            if (backoffKind.isPresent() && !Set.of("fixed", "exponential").contains(backoffKind.get())) {
                throw invalid("retry.backoff", "fixed or exponential", backoffKind.get());
            }
            Optional<Duration> initial = duration("retry.initialDelay", false);
            Optional<Duration> max = duration("retry.maxDelay", true);
            Optional<Double> multiplier = value("retry.multiplier").map(v -> {
                double m = number("retry.multiplier", v, "a number >= 1");
                if (!(m >= 1.0) || Double.isInfinite(m)) {
                    throw invalid("retry.multiplier", "a number >= 1", v);
                }
                return m;
            });
            Optional<String> jitterValue = value("retry.jitter");
            Jitter jitter = jitterValue.map(this::jitter).orElse(null);
            boolean noJitter = jitterValue.isPresent() && jitter == null;

            Backoff backoff;
            boolean anyBackoffKey = backoffKind.isPresent() || initial.isPresent() || max.isPresent()
                    || multiplier.isPresent() || jitterValue.isPresent();
            if (!anyBackoffKey) {
                backoff = RetryPolicy.DEFAULT_BACKOFF;
            } else if (backoffKind.orElse("exponential").equals("fixed")) {
                if (max.isPresent() || multiplier.isPresent()) {
                    throw error((max.isPresent() ? "retry.maxDelay" : "retry.multiplier")
                            + " applies only to retry.backoff=exponential, but retry.backoff is fixed");
                }
                backoff = Backoff.fixed(initial.orElse(Duration.ofSeconds(1)));
            } else {
                Duration i = initial.orElse(Duration.ofSeconds(1));
                Duration m = max.orElse(Duration.ofSeconds(60));
                if (m.compareTo(i) < 0) {
                    throw error("retry.maxDelay must be >= retry.initialDelay (" + Durations.format(i) + "), was '"
                            + Durations.format(m) + "'");
                }
                backoff = Backoff.exponential(i, multiplier.orElse(2.0), m);
            }
            if (anyBackoffKey && !noJitter) {
                backoff = backoff.withJitter(jitter != null ? jitter : Jitter.proportional(0.25));
            }
            return b.backoff(backoff).build();
        }

        /** The jitter, or null for "none". */
        private Jitter jitter(String v) {
            String accepted = "none, full, or a fraction > 0 and <= 1 such as 0.25 (or 25%)";
            String lower = v.toLowerCase(Locale.ROOT);
            if (lower.equals("none")) {
                return null;
            }
            if (lower.equals("full")) {
                return Jitter.full();
            }
            double f = rate("retry.jitter", v, accepted, false);
            return Jitter.proportional(f);
        }

        private CircuitBreakerConfig breakerConfig() {
            CircuitBreakerConfig.Builder b = CircuitBreakerConfig.builder();
            Optional<Integer> threshold = integer("breaker.failureThreshold", 1);
            Optional<String> rate = value("breaker.failureRateThreshold");
            if (threshold.isPresent() && rate.isPresent()) {
                throw error("breaker.failureThreshold and breaker.failureRateThreshold are both set: choose one way "
                        + "to open the breaker (consecutive failures or failure rate)");
            }
            threshold.ifPresent(b::failureThreshold);
            rate.ifPresent(v -> {
                String accepted = "a percentage > 0 and <= 100, such as 50 or 50%";
                String number = v.endsWith("%") ? v.substring(0, v.length() - 1).trim() : v;
                double percent = number("breaker.failureRateThreshold", number, accepted, v);
                if (!(percent > 0.0 && percent <= 100.0)) {
                    throw invalid("breaker.failureRateThreshold", accepted, v);
                }
                b.failureRateThreshold(percent);
            });
            Optional<Integer> window = integer("breaker.slidingWindowSize", 1);
            Optional<Integer> minimum = integer("breaker.minimumCalls", 1);
            window.ifPresent(b::slidingWindowSize);
            minimum.ifPresent(b::minimumCalls);
            if (rate.isPresent()) {
                int w = window.orElse(CircuitBreakerConfig.DEFAULT_SLIDING_WINDOW_SIZE);
                int m = minimum.orElse(CircuitBreakerConfig.DEFAULT_MINIMUM_CALLS);
                if (m > w) {
                    throw error("breaker.minimumCalls must be <= breaker.slidingWindowSize (" + w + "), was '" + m
                            + "'");
                }
            } else if (window.isPresent() || minimum.isPresent()) {
                throw error((window.isPresent() ? "breaker.slidingWindowSize" : "breaker.minimumCalls")
                        + " applies only in failure-rate mode: set breaker.failureRateThreshold too");
            }
            duration("breaker.openDuration", true).ifPresent(b::openDuration);
            integer("breaker.halfOpenTrials", 1).ifPresent(b::permittedTrialCalls);
            return b.build();
        }

        private Map<ErrorCategory, CategoryPolicy> categoryPolicies(RetryPolicy retry) {
            RecoveryPolicies base = RecoveryPolicies.basedOn(retry);
            Map<ErrorCategory, CategoryPolicy> result = new EnumMap<>(ErrorCategory.class);
            for (ErrorCategory c : ErrorCategory.values()) {
                String prefix = "policy." + c.name().toLowerCase(Locale.ROOT) + ".";
                CategoryPolicy p = base.get(c);
                boolean changed = false;
                Optional<Integer> attempts = integer(findKey(prefix + "maxAttempts"), 1);
                if (attempts.isPresent()) {
                    p = p.withRetry(retry.withMaxAttempts(attempts.get()));
                    changed = true;
                }
                String onExhaustedKey = findKey(prefix + "onExhausted");
                Optional<String> onExhausted = value(onExhaustedKey);
                if (onExhausted.isPresent()) {
                    String v = onExhausted.get().toUpperCase(Locale.ROOT).replace('-', '_');
                    if (!v.equals("QUARANTINE") && !v.equals("STOP_RUN")) {
                        throw invalid(onExhaustedKey, "quarantine or stop_run", onExhausted.get());
                    }
                    p = p.withOnExhausted(OnExhausted.valueOf(v));
                    changed = true;
                }
                String escalateKey = findKey(prefix + "escalate");
                Optional<String> escalate = value(escalateKey);
                if (escalate.isPresent()) {
                    String v = escalate.get().toLowerCase(Locale.ROOT);
                    if (!v.equals("true") && !v.equals("false")) {
                        throw invalid(escalateKey, "true or false", escalate.get());
                    }
                    p = p.withEscalate(Boolean.parseBoolean(v));
                    changed = true;
                }
                if (changed) {
                    result.put(c, p);
                }
            }
            return result;
        }

        /** The key as written in the file (the category part is case-insensitive). */
        private String findKey(String canonical) {
            return policyKeys.getOrDefault(canonical, canonical);
        }

        private ErrorRateThresholds alertThresholds() {
            ErrorRateThresholds.Builder b = ErrorRateThresholds.builder();
            String accepted = "a fraction >= 0 and < 1 (0.05) or a percentage (5%)";
            value("alerts.warningRate").ifPresent(v -> b.warningRate(rate("alerts.warningRate", v, accepted, true)));
            value("alerts.criticalRate").ifPresent(v -> b.criticalRate(rate("alerts.criticalRate", v, accepted,
                    true)));
            duration("alerts.warningWindow", true).ifPresent(b::warningWindow);
            duration("alerts.criticalWindow", true).ifPresent(b::criticalWindow);
            longValue("alerts.minRecords", 1).ifPresent(b::minRecords);
            return b.build();
        }

        // --- value parsing

        private Optional<String> value(String key) {
            String v = properties.getProperty(key);
            if (v == null) {
                return Optional.empty();
            }
            v = v.strip();
            if (v.isEmpty()) {
                throw error(key + " is empty: give a value or remove the key");
            }
            return Optional.of(v);
        }

        private Optional<Integer> integer(String key, int min) {
            return value(key).map(v -> {
                String accepted = min == 1 ? POSITIVE_INT : "an integer >= " + min;
                try {
                    int i = Integer.parseInt(v);
                    if (i < min) {
                        throw invalid(key, accepted, v);
                    }
                    return i;
                } catch (NumberFormatException e) {
                    throw invalid(key, accepted, v);
                }
            });
        }

        private Optional<Long> longValue(String key, long min) {
            return value(key).map(v -> {
                String accepted = "an integer >= " + min;
                try {
                    long l = Long.parseLong(v);
                    if (l < min) {
                        throw invalid(key, accepted, v);
                    }
                    return l;
                } catch (NumberFormatException e) {
                    throw invalid(key, accepted, v);
                }
            });
        }

        private Optional<Duration> duration(String key, boolean positive) {
            return value(key).map(v -> {
                String accepted = positive ? POSITIVE_DURATION : DURATION;
                Duration d;
                try {
                    d = Durations.parse(v);
                } catch (IllegalArgumentException e) {
                    throw invalid(key, accepted, v);
                }
                if (d.isNegative() || (positive && d.isZero())) {
                    throw invalid(key, accepted, v);
                }
                return d;
            });
        }

        private double number(String key, String v, String accepted) {
            return number(key, v, accepted, v);
        }

        private double number(String key, String v, String accepted, String original) {
            try {
                double d = Double.parseDouble(v);
                if (Double.isNaN(d)) {
                    throw invalid(key, accepted, original);
                }
                return d;
            } catch (NumberFormatException e) {
                throw invalid(key, accepted, original);
            }
        }

        /**
         * A fraction ({@code 0.05}) or percentage ({@code 5%}); {@code zeroAllowed} chooses {@code [0, 1)} or
         * {@code (0, 1]}.
         */
        private double rate(String key, String v, String accepted, boolean zeroAllowed) {
            double r = v.endsWith("%")
                    ? number(key, v.substring(0, v.length() - 1).trim(), accepted, v) / 100.0
                    : number(key, v, accepted);
            boolean ok = zeroAllowed ? r >= 0.0 && r < 1.0 : r > 0.0 && r <= 1.0;
            if (!ok) {
                throw invalid(key, accepted, v);
            }
            return r;
        }

        private static ErrorCategory category(String name) {
            for (ErrorCategory c : ErrorCategory.values()) {
                if (c.name().equalsIgnoreCase(name)) {
                    return c;
                }
            }
            return null;
        }

        private static String categoryNames() {
            List<String> names = new ArrayList<>();
            for (ErrorCategory c : ErrorCategory.values()) {
                names.add(c.name().toLowerCase(Locale.ROOT));
            }
            return String.join(", ", new LinkedHashSet<>(names));
        }

        private InvalidConfigurationException invalid(String key, String accepted, String value) {
            return error(key + " must be " + accepted + ", was '" + value + "'");
        }

        private InvalidConfigurationException error(String message) {
            return new InvalidConfigurationException(source + ": " + message);
        }
    }
}
