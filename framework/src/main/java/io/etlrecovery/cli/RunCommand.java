package io.etlrecovery.cli;

import io.etlrecovery.recovery.RecoveryConfig;
import io.etlrecovery.cli.internal.Quantities;
import io.etlrecovery.cli.internal.RunConsole;
import io.etlrecovery.cli.internal.RunProgress;
import io.etlrecovery.cli.internal.RunSummary;
import io.etlrecovery.cli.internal.Warmup;
import io.etlrecovery.health.HealthSampler;
import io.etlrecovery.health.PreRunChecks;
import io.etlrecovery.health.ResourceProbe;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.PipelineProvider;
import io.etlrecovery.pipeline.Pipelines;
import io.etlrecovery.pipeline.UnknownPipelineException;
import io.etlrecovery.recovery.internal.Durations;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunMode;
import io.etlrecovery.runner.RunOptions;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.store.JdbcUrls;
import io.etlrecovery.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code run <pipeline>}: runs a pipeline found on the class path ({@link Pipelines#discover()}), resuming its
 * unfinished run unless told otherwise, with progress, health sampling, pre-run checks and a summary (see
 * {@link RunConsole}). Exit codes: 0 succeeded, 1 failed, 2 usage error (an unknown pipeline included), 3 stopped
 * and resumable, 4 refused, 5 store error.
 */
@Command(name = "run",
        description = {"Runs a pipeline. Without --resume, --restart or --force it resumes the pipeline's unfinished "
                + "run if there is one (and says so), else starts a new run: after a crash or a stop, run the same "
                + "command again to continue.",
            "Before starting it checks free disk on the store's volume and available memory; while running it "
                + "shows progress (a bar on a terminal, plain lines otherwise) and records health snapshots; at the "
                + "end it prints a summary and the next command to type.",
            "'etl-recovery pipelines' lists the pipelines on the class path."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the run succeeded (possibly with quarantined records within the error threshold)",
            "1:the run failed and cannot be resumed as it is (fix the cause first)",
            "2:usage error: an unknown pipeline or option, a missing or malformed value",
            "3:the run stopped, resumable (error threshold, open breaker, system error, --max-duration): run the "
                    + "same command again",
            "4:refused to start: another run is active, the input was already loaded (use --force), the input "
                    + "changed, there is nothing to --resume, or a pre-run check failed",
            "5:store error: the store could not be opened, read or written"})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<pipeline>", description = "The pipeline's name.")
    String pipeline;

    @Option(names = "--input", paramLabel = "<path>", description = "The input file, for pipelines that read one.")
    Path input;

    @Option(names = "--param", paramLabel = "<key=value>",
            description = "A parameter of the pipeline (repeatable); what it means is up to the pipeline.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--resume", description = "Resume the pipeline's unfinished run; refuse (exit 4) if it has none.")
    boolean resume;

    @Option(names = "--restart", description = "Roll back what the unfinished run loaded, abandon it, and start afresh.")
    boolean restart;

    @Option(names = "--force", description = "Load an input that a successful run already loaded.")
    boolean force;

    @Option(names = "--batch-size", paramLabel = "<records>",
            description = "Records per batch (one checkpoint and commit each) for steps without their own; "
                    + "default 1000, or for a resumed run the size it started with.")
    Integer batchSize;

    @Option(names = "--max-duration", paramLabel = "<duration>", converter = DurationConverter.class,
            description = "Stop the run (resumably, exit 3) after this long, e.g. 30m, 2h, PT45M; default no limit.")
    Duration maxDuration;

    @Mixin
    Settings settings;

    // set by tests through Main's customizer
    Pipelines pipelines;
    ResourceProbe probe;
    Clock clock = Clock.systemUTC();
    Consumer<PipelineRunner.Builder> runnerSettings = b -> { };

    @Override
    public Integer call() {
        RunMode mode = mode();
        if (batchSize != null && batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1, was " + batchSize);
        }
        if (maxDuration != null && maxDuration.isZero()) {
            throw new ParameterException(spec.commandLine(), "--max-duration must be positive, was " + maxDuration);
        }
        Pipelines known = pipelines != null ? pipelines : Pipelines.discover();
        try {
            known.get(pipeline); // an unknown name is a usage error before the store is touched
        } catch (UnknownPipelineException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        RunOptions options = RunOptions.defaults().withMode(mode).withForce(force).withBatchSize(batchSize)
                .withMaxDuration(maxDuration);
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        if (probe == null) Warmup.start(ResourceProbe.system(), Path.of("").toAbsolutePath());
        try (Store store = root.openStore()) {
            Pipeline p = create(spec, known, pipeline, input, params, store);
            RunResult r = settings.console(spec, store, probe, clock, runnerSettings).run(p, options);
            return r.exitCode();
        }
    }

    private RunMode mode() {
        int flags = (resume ? 1 : 0) + (restart ? 1 : 0) + (force ? 1 : 0);
        if (flags > 1) {
            throw new ParameterException(spec.commandLine(), "--resume, --restart and --force exclude each other: "
                    + "give at most one");
        }
        return resume ? RunMode.RESUME : restart ? RunMode.RESTART : RunMode.AUTO;
    }

    /** {@link #create(CommandSpec, Pipelines, String, Path, Map, Store)} without connections to the store. */
    static Pipeline create(CommandSpec spec, Pipelines pipelines, String name, Path input, Map<String, String> params) {
        return create(spec, pipelines, name, input, params, null);
    }

    /**
     * Builds pipeline {@code name} from {@code pipelines} (discovered when {@code null}), giving it connections to
     * {@code store} (when not {@code null}); an unknown name or a context the provider rejects is a usage error.
     */
    static Pipeline create(CommandSpec spec, Pipelines pipelines, String name, Path input, Map<String, String> params,
                           Store store) {
        Pipelines known = pipelines != null ? pipelines : Pipelines.discover();
        try {
            PipelineProvider.Context context = new PipelineProvider.Context(Optional.ofNullable(input), params);
            return known.create(name, store == null ? context : context.withStore(store::openConnection));
        } catch (UnknownPipelineException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Pipeline '" + name + "': " + e.getMessage());
        }
    }

    /** How the user invokes the command line, with {@code --db} when given: for the next commands shown. */
    static String commandPrefix(EtlRecoveryCommand root) {
        return "etl-recovery" + (root.db == null ? "" : " --db " + RunSummary.shellWord(JdbcUrls.redact(root.db)));
    }

    /** The options of every command that runs a pipeline ({@code run}, {@code runs resume}). */
    static final class Settings {

        @Option(names = "--config", paramLabel = "<file>",
                description = "A recovery configuration file (properties: retry.*, breaker.*, timeout.call, "
                        + "checkpoint.*, errors.*, run.maxDuration, alerts.*, policy.<category>.*; see "
                        + "docs/configuration.md). Options given here win over the file.")
        Path config;

        @Option(names = "--error-threshold", paramLabel = "<rate>", converter = RateConverter.class,
                description = "Stop the run (resumably, exit 3) when more than this share of its records are "
                        + "quarantined, e.g. 10%% or 0.05 (default: errors.threshold of --config, else 10%%).")
        Double errorThreshold;

        @Option(names = "--error-threshold-after", paramLabel = "<records>",
                description = "Judge the error threshold only once this many records are read "
                        + "(default: errors.thresholdMinRecords of --config, else 1000).")
        Long errorThresholdAfter;

        @Option(names = "--progress", paramLabel = "<mode>", defaultValue = "auto",
                description = "How progress is shown: auto (a bar on a terminal, lines otherwise), bar, lines or "
                        + "off (default: ${DEFAULT-VALUE}). Progress goes to standard error.")
        String progress;

        @Option(names = "--progress-every", paramLabel = "<duration>", converter = DurationConverter.class,
                defaultValue = "5s", description = "The least time between two progress lines "
                        + "(default: ${DEFAULT-VALUE}).")
        Duration progressEvery;

        @Option(names = "--health-every", paramLabel = "<duration>", converter = DurationConverter.class,
                defaultValue = "30s", description = "Record a SYSTEM_HEALTH snapshot at the run's start, end and "
                        + "this often; 0s turns it off (default: ${DEFAULT-VALUE}).")
        Duration healthEvery;

        @Option(names = "--min-free-disk", paramLabel = "<size>", converter = SizeConverter.class,
                defaultValue = "1GiB", description = "Refuse to start (exit 4) with less free space on the store's "
                        + "volume, e.g. 1GiB, 500MiB; 0 turns the check off (default: ${DEFAULT-VALUE}).")
        long minFreeDisk;

        @Option(names = "--min-available-memory", paramLabel = "<size>", converter = SizeConverter.class,
                defaultValue = "256MiB", description = "Refuse to start (exit 4) with less memory available; 0 "
                        + "turns the check off (default: ${DEFAULT-VALUE}).")
        long minAvailableMemory;

        RunConsole console(CommandSpec spec, Store store, ResourceProbe probe, Clock clock,
                           Consumer<PipelineRunner.Builder> extra) {
            if (errorThresholdAfter != null && errorThresholdAfter < 1) {
                throw new ParameterException(spec.commandLine(), "--error-threshold-after must be at least 1, was "
                        + errorThresholdAfter);
            }
            RecoveryConfig fileConfig;
            try {
                fileConfig = config == null ? null : RecoveryConfig.load(config);
            } catch (RuntimeException e) {
                throw new ParameterException(spec.commandLine(), "--config " + config + ": " + e.getMessage());
            }
            ResourceProbe measure = probe != null ? probe : ResourceProbe.system();
            EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
            return RunConsole.builder(store)
                    .out(root.out())
                    .progressTo(root.err())
                    .progress(progressMode(spec))
                    .progressEvery(progressEvery)
                    .clock(clock)
                    .health(HealthSampler.of(measure, clock), healthEvery.isZero() ? null : healthEvery)
                    .preRunChecks(PreRunChecks.builder().minFreeDisk(minFreeDisk)
                            .minAvailableMemory(minAvailableMemory).probe(measure).build())
                    .runner(b -> {
                        if (fileConfig != null) b.config(fileConfig);
                        RecoveryConfig base = fileConfig != null ? fileConfig : RecoveryConfig.defaults();
                        b.errorThreshold(errorThreshold != null ? errorThreshold : base.errorThreshold(),
                                errorThresholdAfter != null ? errorThresholdAfter
                                        : Math.max(1, base.errorThresholdMinRecords()));
                        extra.accept(b);
                    })
                    .command(commandPrefix(root))
                    .build();
        }

        private RunProgress.Mode progressMode(CommandSpec spec) {
            return RunCommand.progressMode(spec, progress);
        }
    }

    /** {@code --progress auto|bar|lines|off} as a display mode (for {@code run}, {@code runs resume} and {@code demo}). */
    static RunProgress.Mode progressMode(CommandSpec spec, String progress) {
        return switch (progress.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> onTerminal(spec) ? RunProgress.Mode.BAR : RunProgress.Mode.LINES;
            case "bar" -> RunProgress.Mode.BAR;
            case "lines" -> RunProgress.Mode.LINES;
            case "off" -> RunProgress.Mode.OFF;
            default -> throw new ParameterException(spec.commandLine(), "--progress must be auto, bar, lines "
                    + "or off, was '" + progress + "'");
        };
    }

    /** A terminal that redraws a line: a console, output on System.out (Main says so), and TERM not dumb. */
    private static boolean onTerminal(CommandSpec spec) {
        String term = System.getenv("TERM");
        return System.console() != null && !"dumb".equalsIgnoreCase(term)
                && spec.commandLine().getColorScheme().ansi() != picocli.CommandLine.Help.Ansi.OFF;
    }

    /** {@code 30m}, {@code 2h}, {@code PT45M}, ... (see {@link Durations#parse}). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                Duration d = Durations.parse(value);
                if (d.isNegative()) throw new IllegalArgumentException("negative");
                return d;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a duration: expected "
                        + Durations.ACCEPTED_FORMS);
            }
        }
    }

    /** {@code 1GiB}, {@code 256MiB}, ... (see {@link Quantities#bytes}). */
    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Quantities.bytes(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code 10%}, {@code 0.1} (see {@link Quantities#rate}). */
    static final class RateConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                return Quantities.rate(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
