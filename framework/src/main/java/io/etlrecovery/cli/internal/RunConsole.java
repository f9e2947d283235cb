package io.etlrecovery.cli.internal;

import io.etlrecovery.health.HealthMonitor;
import io.etlrecovery.health.HealthProblem;
import io.etlrecovery.health.HealthSampler;
import io.etlrecovery.health.PreRunCheckException;
import io.etlrecovery.health.PreRunChecks;
import io.etlrecovery.internal.Fmt;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.recovery.Redactor;
import io.etlrecovery.report.BudgetReport;
import io.etlrecovery.report.Reports;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunListener;
import io.etlrecovery.runner.RunMode;
import io.etlrecovery.runner.RunOptions;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one pipeline the way the command line does, for {@code run}, {@code runs resume} and any command that
 * runs a pipeline for a user (a demo): applies the pre-run checks, samples SYSTEM_HEALTH at the run's start, end
 * and every {@code healthEvery}, says whether it starts or resumes a run, shows progress, and prints the
 * {@link RunSummary} with the pipeline's error budget.
 *
 * <pre>{@code
 * RunResult r = RunConsole.builder(store).out(out).progressTo(err).progress(RunProgress.Mode.LINES).build()
 *         .run(pipeline, RunOptions.defaults());
 * return r.exitCode();
 * }</pre>
 *
 * <p>Defaults: progress {@link RunProgress.Mode#LINES} every 5 s to {@code out}; health sampled by
 * {@link HealthSampler#system()} every 30 s; {@link PreRunChecks#defaults()} (1 GiB free disk on the store's volume,
 * 256 MiB available memory); the UTC system clock; next commands shown as {@code etl-recovery ...}; the runner's
 * own defaults. A refused run throws {@link io.etlrecovery.runner.RunRefusedException} as
 * {@link PipelineRunner#run} does; a failed pre-run check is one (reason {@code PRE_RUN_CHECK}). Not thread-safe:
 * one run at a time.
 */
public final class RunConsole {

    private final Store store;
    private final PrintWriter out;
    private final PrintWriter progressOut;
    private final RunProgress.Mode progress;
    private final Duration progressEvery;
    private final Clock clock;
    private final HealthSampler sampler;
    private final Duration healthEvery;
    private final PreRunChecks checks;
    private final Consumer<PipelineRunner.Builder> runnerSettings;
    private final String command;

    private RunConsole(Builder b) {
        this.store = b.store;
        this.out = Objects.requireNonNull(b.out, "out");
        this.progressOut = b.progressOut != null ? b.progressOut : b.out;
        this.progress = b.progress;
        this.progressEvery = b.progressEvery;
        this.clock = b.clock;
        this.sampler = b.sampler;
        this.healthEvery = b.healthEvery;
        this.checks = b.checks;
        this.runnerSettings = b.runnerSettings;
        this.command = b.command;
    }

    /** A builder for runs on {@code store}, with the defaults in the class comment. */
    public static Builder builder(Store store) {
        return new Builder(store);
    }

    /**
     * Runs (or resumes) {@code pipeline} as {@code options} say, printing as it goes and the summary at the end.
     *
     * @throws io.etlrecovery.runner.RunRefusedException when the run may not start
     * @throws io.etlrecovery.store.StoreException when the store fails outside a batch
     */
    public RunResult run(Pipeline pipeline, RunOptions options) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(options, "options");
        Optional<RunRow> unfinished = options.mode() == RunMode.RESTART ? Optional.empty()
                : store.withSession(s -> s.runs().latestUnfinished(pipeline.name()));
        RunProgress display = new RunProgress(progress, progressOut, clock, progressEvery);
        HealthListener health = new HealthListener();
        Announcer announcer = new Announcer(unfinished.orElse(null), options, display);
        PipelineRunner.Builder rb = PipelineRunner.builder(store);
        runnerSettings.accept(rb);
        if (checks != null) rb.preRunCheck(this::preRunCheck);
        rb.listener(announcer).listener(display);
        if (healthEvery != null) rb.listener(health);
        RunResult result;
        try {
            result = rb.build().run(pipeline, options);
        } finally {
            display.finish();
            health.close();
        }
        BudgetReport budget = null;
        String problem = null;
        try {
            budget = Reports.on(store).clock(clock).budget(pipeline.name());
        } catch (RuntimeException e) {
            problem = Redactor.defaults().redact(String.valueOf(e.getMessage()));
        }
        RunSummary.print(out, result, budget, problem, command);
        return result;
    }

    private String preRunCheck(Store s) {
        List<HealthProblem> problems = checks.check(s);
        if (problems.isEmpty()) return null;
        return new PreRunCheckException(problems).getMessage();
    }

    /** Says, as the run starts, whether it is new or resumed, and from where. */
    private final class Announcer implements RunListener {
        private final RunRow unfinished;
        private final RunOptions options;
        private final RunProgress display;

        Announcer(RunRow unfinished, RunOptions options, RunProgress display) {
            this.unfinished = unfinished;
            this.options = options;
            this.display = display;
        }

        @Override
        public void onRunStarted(RunStarted e) {
            String pipeline = TerminalText.safe(e.pipeline());
            String input = e.input() == null ? "" : " over " + Printable.line(e.input());
            if (e.resumed() && unfinished != null && unfinished.runId() == e.runId()) {
                display.resumingFrom(unfinished.recordsRead());
                String why = unfinished.stopReason() == null ? "" : "; it had stopped: "
                        + Printable.line(unfinished.stopReason());
                out.println("Resuming run " + e.runId() + " of '" + pipeline + "'" + input + " after "
                        + Fmt.count(unfinished.recordsRead()) + " committed records (status was "
                        + unfinished.status() + why + ").");
            } else if (e.resumed()) {
                out.println("Resuming run " + e.runId() + " of '" + pipeline + "'" + input + ".");
            } else {
                out.println("Starting run " + e.runId() + " of '" + pipeline + "'" + input
                        + (options.mode() == RunMode.RESTART ? " (--restart: any unfinished run was rolled back "
                        + "and abandoned)" : "") + (options.force() ? " (--force)" : "") + ".");
            }
            out.flush();
        }
    }

    /** Samples SYSTEM_HEALTH while the run runs: a {@link HealthMonitor} from its start to its end. */
    private final class HealthListener implements RunListener, AutoCloseable {
        private HealthMonitor monitor;

        @Override
        public void onRunStarted(RunStarted e) {
            monitor = HealthMonitor.start(sampler, store, e.runId(), healthEvery);
        }

        @Override
        public void onRunFinished(RunResult result) {
            close();
        }

        @Override
        public void close() {
            if (monitor != null) {
                monitor.close();
                monitor = null;
            }
        }
    }

    /** Configures a {@link RunConsole}; every setting has its default in the class comment. */
    public static final class Builder {
        private final Store store;
        private PrintWriter out;
        private PrintWriter progressOut;
        private RunProgress.Mode progress = RunProgress.Mode.LINES;
        private Duration progressEvery = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();
        private HealthSampler sampler = HealthSampler.system();
        private Duration healthEvery = Duration.ofSeconds(30);
        private PreRunChecks checks = PreRunChecks.defaults();
        private Consumer<PipelineRunner.Builder> runnerSettings = b -> { };
        private String command = "etl-recovery";

        private Builder(Store store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Where the start line and the summary go; required. */
        public Builder out(PrintWriter out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /** Where progress goes; default {@link #out}. */
        public Builder progressTo(PrintWriter progressOut) {
            this.progressOut = Objects.requireNonNull(progressOut, "progressOut");
            return this;
        }

        /** How progress is shown; default {@link RunProgress.Mode#LINES}. */
        public Builder progress(RunProgress.Mode mode) {
            this.progress = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** The least time between two progress lines; default 5 s. */
        public Builder progressEvery(Duration every) {
            Objects.requireNonNull(every, "progressEvery");
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("progressEvery must be positive, was " + every);
            }
            this.progressEvery = every;
            return this;
        }

        /** The clock of the progress display and the budget report; default the UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How and how often SYSTEM_HEALTH is sampled during the run; default {@link HealthSampler#system()} every
         * 30 s. {@code every} {@code null} turns sampling off.
         */
        public Builder health(HealthSampler sampler, Duration every) {
            this.sampler = Objects.requireNonNull(sampler, "sampler");
            if (every != null && every.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("healthEvery must be at least 1 ms, was " + every);
            }
            this.healthEvery = every;
            return this;
        }

        /** The checks that must pass before the run starts; default {@link PreRunChecks#defaults()}; null: none. */
        public Builder preRunChecks(PreRunChecks checks) {
            this.checks = checks;
            return this;
        }

        /** Further settings of the runner (thresholds, clock, listeners); default none. */
        public Builder runner(Consumer<PipelineRunner.Builder> settings) {
            this.runnerSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** How the user invokes the command line, for the next commands the summary shows; default etl-recovery. */
        public Builder command(String command) {
            this.command = Objects.requireNonNull(command, "command");
            return this;
        }

        public RunConsole build() {
            if (out == null) throw new IllegalArgumentException("out must be set");
            return new RunConsole(this);
        }
    }
}
