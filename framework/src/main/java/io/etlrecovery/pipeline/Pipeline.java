package io.etlrecovery.pipeline;

import io.etlrecovery.recovery.RecoveryPolicies;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named, ordered list of steps, run by {@code io.etlrecovery.runner.PipelineRunner}. Immutable; made by
 * {@link #named(String)}.
 *
 * <pre>{@code
 * Pipeline p = Pipeline.named("orders-import")
 *         .beforeRun(c -> c.createStatement().execute("CREATE TABLE IF NOT EXISTS ..."))
 *         .step(loadStep)
 *         .step(TaskStep.of("refresh-totals", ctx -> ...))
 *         .build();
 * }</pre>
 */
public final class Pipeline {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    /** Work done on the store's database before each run (or resume), in its own transaction: e.g. DDL. */
    @FunctionalInterface
    public interface Setup {
        void prepare(Connection connection) throws Exception;
    }

    private final String name;
    private final List<Step> steps;
    private final RecoveryPolicies policies;
    private final List<Setup> setups;

    private Pipeline(Builder b) {
        this.name = b.name;
        this.steps = List.copyOf(b.steps);
        this.policies = b.policies;
        this.setups = List.copyOf(b.setups);
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public List<Step> steps() {
        return steps;
    }

    /** The pipeline's recovery policies (the decision matrix), {@link RecoveryPolicies#defaults()} unless set. */
    public RecoveryPolicies policies() {
        return policies;
    }

    public List<Setup> setups() {
        return setups;
    }

    /** The step named {@code stepName}, or an exception naming the known steps. */
    public Step step(String stepName) {
        for (Step s : steps) if (s.name().equals(stepName)) return s;
        throw new IllegalArgumentException("pipeline '" + name + "' has no step '" + stepName + "'; its steps are "
                + steps.stream().map(Step::name).toList());
    }

    static String requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be 1-100 letters, digits or . _ : - (starting with a "
                    + "letter or digit), was '" + name + "'");
        }
        return name;
    }

    /** Builds a {@link Pipeline}. */
    public static final class Builder {
        private final String name;
        private final List<Step> steps = new ArrayList<>();
        private final List<Setup> setups = new ArrayList<>();
        private RecoveryPolicies policies = RecoveryPolicies.defaults();

        private Builder(String name) {
            this.name = requireName(name, "pipeline name");
        }

        public Builder step(Step step) {
            Objects.requireNonNull(step, "step");
            steps.add(step);
            return this;
        }

        /** Convenience for {@code step(builder.build())}. */
        public Builder step(BatchStep.Builder<?, ?> step) {
            return step(step.build());
        }

        public Builder policies(RecoveryPolicies policies) {
            this.policies = Objects.requireNonNull(policies, "policies");
            return this;
        }

        public Builder beforeRun(Setup setup) {
            setups.add(Objects.requireNonNull(setup, "setup"));
            return this;
        }

        public Pipeline build() {
            if (steps.isEmpty()) throw new IllegalStateException("pipeline '" + name + "' has no steps");
            Set<String> seen = new HashSet<>();
            for (Step s : steps) {
                if (!seen.add(s.name())) throw new IllegalStateException("pipeline '" + name + "' has two steps named '" + s.name() + "'");
            }
            return new Pipeline(this);
        }
    }
}
