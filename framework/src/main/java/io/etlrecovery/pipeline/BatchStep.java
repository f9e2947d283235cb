package io.etlrecovery.pipeline;

import io.etlrecovery.recovery.CallOptions;
import io.etlrecovery.recovery.RecoveryPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A step that reads records from a {@link Source}, passes each through its {@link Processor}s and writes the
 * survivors to a {@link Sink}, committing in batches. Immutable; made by {@link #reading(String, Source)}.
 *
 * <pre>{@code
 * BatchStep<CsvRow> load = BatchStep.reading("load", CsvSource.builder(input).build())
 *         .process("validate", Order::parse)
 *         .process("enrich", fx::convert, CallOptions.forDependency("fx-rates"))
 *         .writeTo(ordersSink)
 *         .build();
 * }</pre>
 *
 * <p>Each processor call runs under the run's recovery manager with the stage's {@link CallOptions}: a failure is
 * classified and retried, replaced by a fallback, quarantined, or stops the run, as the policies say. Defaults:
 * the runner's checkpoint strategy (every 1,000 records), one thread, the pipeline's recovery policies.
 *
 * @param <I> the type of the source's records
 */
public final class BatchStep<I> implements Step {

    /**
     * One processor with its name, call options and, optionally, a fallback that receives the record.
     *
     * @param fallback the record fallback, or {@code null}
     */
    public record Stage(String name, Processor<Object, Object> processor, CallOptions<Object> options,
                        RecordFallback<Object, Object> fallback) {
    }

    private final String name;
    private final Source<I> source;
    private final List<Stage> stages;
    private final Sink<Object> sink;
    private final CheckpointStrategy checkpointStrategy;
    private final int threads;
    private final RecoveryPolicies policies;

    private BatchStep(Builder<I, ?> b) {
        this.name = b.name;
        this.source = b.source;
        this.stages = List.copyOf(b.stages);
        this.sink = b.sink;
        this.checkpointStrategy = b.checkpointStrategy;
        this.threads = b.threads;
        this.policies = b.policies;
    }

    /** Starts a batch step named {@code name} that reads {@code source}. */
    public static <I> Builder<I, I> reading(String name, Source<I> source) {
        return new Builder<>(name, source);
    }

    @Override
    public String name() {
        return name;
    }

    public Source<I> source() {
        return source;
    }

    public List<Stage> stages() {
        return stages;
    }

    public Sink<Object> sink() {
        return sink;
    }

    /** The step's own checkpoint strategy, or {@code null} to use the runner's. */
    public CheckpointStrategy checkpointStrategy() {
        return checkpointStrategy;
    }

    /** How many threads process a batch's records (1 = the runner's thread). */
    public int threads() {
        return threads;
    }

    /** The step's recovery policies, or {@code null} to use the pipeline's. */
    public RecoveryPolicies policies() {
        return policies;
    }

    /**
     * Builds a {@link BatchStep}; the second type parameter is the type of the records after the processors
     * added so far.
     */
    public static final class Builder<I, O> {
        private final String name;
        private final Source<I> source;
        private final List<Stage> stages = new ArrayList<>();
        private Sink<Object> sink;
        private CheckpointStrategy checkpointStrategy;
        private int threads = 1;
        private RecoveryPolicies policies;

        private Builder(String name, Source<I> source) {
            this.name = Pipeline.requireName(name, "step name");
            this.source = Objects.requireNonNull(source, "source");
        }

        /** Adds a processor with the default call options (no breaker, no timeout, no fallback). */
        public <N> Builder<I, N> process(String stageName, Processor<? super O, ? extends N> processor) {
            return process(stageName, processor, CallOptions.defaults());
        }

        /** Adds a processor whose calls are protected by {@code options} (breaker, timeout, fallback, retry). */
        public <N> Builder<I, N> process(String stageName, Processor<? super O, ? extends N> processor,
                                         CallOptions<? extends N> options) {
            return addStage(stageName, processor, options, null);
        }

        /**
         * Adds a processor protected by {@code options}, with a fallback that receives the record (for example, to
         * convert it with a cached rate when the rate service's breaker is open). {@code options} must not have a
         * fallback of its own.
         */
        public <N> Builder<I, N> process(String stageName, Processor<? super O, ? extends N> processor,
                                         CallOptions<? extends N> options,
                                         RecordFallback<? super O, ? extends N> fallback) {
            Objects.requireNonNull(fallback, "fallback");
            if (options.fallback().isPresent()) {
                throw new IllegalArgumentException("processor '" + stageName + "' has two fallbacks: remove the one "
                        + "in its CallOptions or the record fallback");
            }
            return addStage(stageName, processor, options, fallback);
        }

        @SuppressWarnings("unchecked")
        private <N> Builder<I, N> addStage(String stageName, Processor<? super O, ? extends N> processor,
                                           CallOptions<? extends N> options, RecordFallback<? super O, ? extends N> fallback) {
            Objects.requireNonNull(processor, "processor");
            Objects.requireNonNull(options, "options");
            String n = Pipeline.requireName(stageName, "processor name");
            for (Stage s : stages) {
                if (s.name().equals(n)) throw new IllegalArgumentException("duplicate processor name '" + n + "' in step '" + name + "'");
            }
            stages.add(new Stage(n, (Processor<Object, Object>) processor, (CallOptions<Object>) options,
                    (RecordFallback<Object, Object>) fallback));
            return (Builder<I, N>) this;
        }

        /** Where the survivors go. Required. */
        @SuppressWarnings("unchecked")
        public Builder<I, O> writeTo(Sink<? super O> sink) {
            this.sink = (Sink<Object>) Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** Where batches end; default: the runner's (every 1,000 records, or the command line's --batch-size). */
        public Builder<I, O> checkpoint(CheckpointStrategy strategy) {
            this.checkpointStrategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /**
         * Processes each batch's records on {@code threads} threads (for I/O-bound processors). Batches still
         * commit one at a time in input order, so exactly-once holds. Default 1.
         */
        public Builder<I, O> threads(int threads) {
            if (threads < 1 || threads > 256) throw new IllegalArgumentException("threads must be 1..256, was " + threads);
            this.threads = threads;
            return this;
        }

        /** Recovery policies for this step only; default: the pipeline's. */
        public Builder<I, O> policies(RecoveryPolicies policies) {
            this.policies = Objects.requireNonNull(policies, "policies");
            return this;
        }

        public BatchStep<I> build() {
            if (sink == null) throw new IllegalStateException("step '" + name + "' has no sink: call writeTo(...)");
            return new BatchStep<>(this);
        }
    }
}
