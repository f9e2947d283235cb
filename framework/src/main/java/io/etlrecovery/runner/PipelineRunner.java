package io.etlrecovery.runner;

import io.etlrecovery.recovery.RecoveryPolicies;
import io.etlrecovery.recovery.RecoveryConfig;
import io.etlrecovery.pipeline.CheckpointStrategy;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.recovery.AlertListener;
import io.etlrecovery.recovery.CircuitBreakerConfig;
import io.etlrecovery.recovery.CircuitBreakerRegistry;
import io.etlrecovery.recovery.ErrorClassifier;
import io.etlrecovery.recovery.ErrorRateThresholds;
import io.etlrecovery.recovery.Sleeper;
import io.etlrecovery.runner.internal.RunExecution;
import io.etlrecovery.runner.internal.StoreBreakerStateStore;
import io.etlrecovery.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs pipelines against a store, so that a run that crashes or is killed resumes where it stopped, with no
 * record lost and none loaded twice. The one entry point for running: {@code PipelineRunner.on(store).run(p)}.
 *
 * <p><b>Guarantees.</b> Per batch, the sink's writes (when it writes to the store's database), the checkpoint,
 * the quarantined records and the error, retry and recovery-action rows commit in one transaction. A resumed run
 * continues after its last committed batch. At most one run per pipeline is active on a store; a run whose
 * process died is taken over at once on the same host, and after {@link Builder#heartbeatTimeout} from another.
 *
 * <p><b>Defaults.</b> Batches of 1,000 records; error threshold 10% of records, judged after 1,000 records;
 * circuit breakers persisted in the store, opening after 3 consecutive failures for 30 s; heartbeat every 10 s,
 * stale after 2 minutes; the default classification rules and decision matrix.
 */
public final class PipelineRunner {
    private final Builder config;

    private PipelineRunner(Builder b) {
        this.config = b;
    }

    /** A runner on {@code store} with the defaults. */
    public static PipelineRunner on(Store store) {
        return builder(store).build();
    }

    public static Builder builder(Store store) {
        return new Builder(store);
    }

    /** Runs (or resumes) {@code pipeline} with the default options. */
    public RunResult run(Pipeline pipeline) {
        return run(pipeline, RunOptions.defaults());
    }

    /**
     * Runs {@code pipeline}: resumes its unfinished run or starts a new one, as {@code options} say.
     *
     * @throws RunRefusedException when the run may not start (see its reasons)
     * @throws io.etlrecovery.store.StoreException when the store fails outside a batch
     */
    public RunResult run(Pipeline pipeline, RunOptions options) {
        return new RunExecution(this, pipeline, options).execute();
    }

    // accessors for the execution
    public Store store() { return config.store; }
    public Clock clock() { return config.clock; }
    public Sleeper sleeper() { return config.sleeper; }
    public ErrorClassifier classifier() { return config.classifier; }
    public AlertListener alertListener() { return config.alertListener; }
    public CircuitBreakerRegistry breakers() { return config.breakers.get(); }
    public int defaultBatchSize() { return config.batchSize; }
    public CheckpointStrategy defaultCheckpointStrategy(Integer batchSizeOverride) {
        int records = batchSizeOverride != null ? batchSizeOverride : config.batchSize;
        return config.checkpointInterval == null ? CheckpointStrategy.everyRecords(records)
                : CheckpointStrategy.everyRecordsOr(records, config.checkpointInterval);
    }
    public double errorThreshold() { return config.errorThreshold; }
    public long errorThresholdMinRecords() { return config.errorThresholdMinRecords; }
    public Duration heartbeatInterval() { return config.heartbeatInterval; }
    public Duration heartbeatTimeout() { return config.heartbeatTimeout; }
    public Duration maxDuration() { return config.maxDuration; }
    /** The timeout of each processor call whose options set none ({@link Builder#callTimeout}); null for none. */
    public Duration callTimeout() { return config.callTimeout; }
    public ErrorRateThresholds errorRateThresholds() { return config.errorRateThresholds; }
    /** The decision matrix for pipelines that set none in code ({@link Builder#config}); default the built-in one. */
    public RecoveryPolicies policies() { return config.policies; }
    public List<RunListener> listeners() { return List.copyOf(config.listeners); }
    public List<PreRunCheck> preRunChecks() { return List.copyOf(config.preRunChecks); }

    /** A check made before a run starts; a non-null answer refuses the run with that message. */
    @FunctionalInterface
    public interface PreRunCheck {
        /** {@code null} when the run may start, else why not and what to do. */
        String check(Store store);
    }

    /** Configures a {@link PipelineRunner}; every setting has the default written on its method. */
    public static final class Builder {
        private final Store store;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private ErrorClassifier classifier = ErrorClassifier.defaults();
        private AlertListener alertListener = AlertListener.logging();
        private CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.defaults();
        private Supplier<CircuitBreakerRegistry> breakers;
        private int batchSize = 1000;
        private double errorThreshold = 0.10;
        private long errorThresholdMinRecords = 1000;
        private Duration heartbeatInterval = Duration.ofSeconds(10);
        private Duration heartbeatTimeout = Duration.ofMinutes(2);
        private Duration maxDuration;
        private ErrorRateThresholds errorRateThresholds = ErrorRateThresholds.defaults();
        private RecoveryPolicies policies = RecoveryPolicies.defaults();
        private Duration checkpointInterval;
        private Duration callTimeout;
        private final List<RunListener> listeners = new ArrayList<>();
        private final List<PreRunCheck> preRunChecks = new ArrayList<>();

        private Builder(Store store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** The clock for timestamps, breakers and time-based checkpoints; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How retries wait; default real sleeping. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The failure classifier; default {@link ErrorClassifier#defaults()}. */
        public Builder classifier(ErrorClassifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /** Who hears about stopped runs, thresholds and open breakers; default: the log. */
        public Builder alertListener(AlertListener listener) {
            this.alertListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Applies a configuration file's settings ({@link RecoveryConfig#load}): breakers, batch end
         * ({@code checkpoint.interval} records or {@code checkpoint.intervalTime}, whichever comes first), error
         * threshold, maximum duration, error-rate alerts, the call timeout ({@code timeout.call}, for stages that set
         * none), and the decision matrix for pipelines and steps that do not set their own policies in code.
         * Settings made in code after this call win; policies and timeouts set on a pipeline, step or stage in code
         * win over the file.
         */
        public Builder config(RecoveryConfig config) {
            Objects.requireNonNull(config, "config");
            breakerConfig(config.circuitBreakerConfig());
            batchSize(config.checkpointInterval());
            this.checkpointInterval = config.checkpointIntervalTime();
            errorThreshold(config.errorThreshold(), Math.max(1, config.errorThresholdMinRecords()));
            config.runMaxDuration().ifPresent(this::maxDuration);
            config.callTimeout().ifPresent(this::callTimeout);
            errorRateThresholds(config.errorRateThresholds());
            this.policies = config.recoveryPolicies();
            return this;
        }

        /** The configuration of every circuit breaker; default {@link CircuitBreakerConfig#defaults()}. */
        public Builder breakerConfig(CircuitBreakerConfig config) {
            this.breakerConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Records per batch for steps without their own strategy; default 1,000. */
        public Builder batchSize(int records) {
            if (records < 1) throw new IllegalArgumentException("batchSize must be >= 1, was " + records);
            this.batchSize = records;
            return this;
        }

        /**
         * Stop the run (resumably) when more than {@code fraction} of its records failed, judged once it has read
         * {@code minRecords}; default 0.10 after 1,000.
         */
        public Builder errorThreshold(double fraction, long minRecords) {
            if (!(fraction > 0 && fraction <= 1)) throw new IllegalArgumentException("errorThreshold must be in (0, 1], was " + fraction);
            if (minRecords < 1) throw new IllegalArgumentException("minRecords must be >= 1, was " + minRecords);
            this.errorThreshold = fraction;
            this.errorThresholdMinRecords = minRecords;
            return this;
        }

        /** How often a run proves it is alive; default 10 s. */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = positive(interval, "heartbeatInterval");
            return this;
        }

        /** After how long without a heartbeat a run on another host counts as dead; default 2 minutes. */
        public Builder heartbeatTimeout(Duration timeout) {
            this.heartbeatTimeout = positive(timeout, "heartbeatTimeout");
            return this;
        }

        /** Stop runs resumably after this long; default no limit (a run's options may set one). */
        public Builder maxDuration(Duration maxDuration) {
            this.maxDuration = positive(maxDuration, "maxDuration");
            return this;
        }

        /**
         * The timeout of each attempt of a processor call whose {@link io.etlrecovery.recovery.CallOptions} set none
         * (a stage's own timeout wins); default none. A call that takes longer is interrupted and fails with a
         * TRANSIENT {@code TimeoutException}.
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = positive(timeout, "callTimeout");
            return this;
        }

        /**
         * Error-rate alert thresholds; default warning above 1% over 5 minutes, critical above 5% over 1 minute. A run
         * fed from the quarantine raises none: its records are expected to fail again.
         */
        public Builder errorRateThresholds(ErrorRateThresholds thresholds) {
            this.errorRateThresholds = Objects.requireNonNull(thresholds, "thresholds");
            return this;
        }

        public Builder listener(RunListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder preRunCheck(PreRunCheck check) {
            preRunChecks.add(Objects.requireNonNull(check, "check"));
            return this;
        }

        /** Breakers from elsewhere (tests); default: persisted in the store with {@link #breakerConfig}. */
        public Builder breakers(CircuitBreakerRegistry registry) {
            Objects.requireNonNull(registry, "registry");
            this.breakers = () -> registry;
            return this;
        }

        public PipelineRunner build() {
            if (breakers == null) {
                CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder()
                        .defaultConfig(breakerConfig).store(new StoreBreakerStateStore(store)).clock(clock).build();
                breakers = () -> registry;
            }
            return new PipelineRunner(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, was " + d);
            return d;
        }
    }
}
