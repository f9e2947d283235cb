package io.etlrecovery.cli;

import io.etlrecovery.EtlRecoveryException;
import io.etlrecovery.health.ResourceProbe;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.Pipelines;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunMode;
import io.etlrecovery.runner.RunOptions;
import io.etlrecovery.runner.RunRefusedException;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.runner.RunStatus;
import io.etlrecovery.runner.Runs;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.Store;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runs resume <id>}: resumes an unfinished run, finding its pipeline by the name the run recorded and its
 * input by the path it recorded (unless {@code --input} is given). Prints and exits like {@code run}.
 */
@Command(name = "resume",
        description = {"Resumes an unfinished (RUNNING after a crash, FAILED or STOPPED) run after its last "
                + "committed batch, like 'run <pipeline> --resume'.",
            "The pipeline is the one the run recorded, found on the class path; the input is the file the run "
                + "recorded unless --input is given. Pipeline parameters are not recorded: give them again with "
                + "--param.",
            "Exit codes as for 'run': 0 succeeded, 1 failed, 2 usage error, 3 stopped (resumable), 4 refused, "
                + "5 store error."})
final class RunsResumeCommand implements Callable<Integer> {


    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<run-id>", description = "The run to resume (see 'runs list').")
    long runId;

    @Option(names = "--input", paramLabel = "<path>",
            description = "The input file (default: the one the run recorded). It must be unchanged.")
    Path input;

    @Option(names = "--param", paramLabel = "<key=value>", description = "A parameter of the pipeline (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--batch-size", paramLabel = "<records>",
            description = "Records per batch (default: the batch size the run started with).")
    Integer batchSize;

    @Option(names = "--max-duration", paramLabel = "<duration>", converter = RunCommand.DurationConverter.class,
            description = "Stop the run (resumably, exit 3) after this long; default no limit.")
    Duration maxDuration;

    @Mixin
    RunCommand.Settings settings;

    // set by tests through Main's customizer
    Pipelines pipelines;
    ResourceProbe probe;
    Clock clock = Clock.systemUTC();
    Consumer<PipelineRunner.Builder> runnerSettings = b -> { };

    @Override
    public Integer call() {
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        try (Store store = root.openStore()) {
            RunRow run = require(store, runId);
            if (!RunStatus.valueOf(run.status()).isResumable()) {
                throw new RunRefusedException(RunRefusedException.Reason.NOTHING_TO_RESUME, "Run " + runId + " of '"
                        + run.pipeline() + "' is " + run.status() + ": only a RUNNING (crashed), FAILED or STOPPED "
                        + "run can be resumed. 'etl-recovery run " + run.pipeline() + "' starts a new run.");
            }
            long latest = store.withSession(s -> s.runs().latestUnfinished(run.pipeline())).map(RunRow::runId)
                    .orElse(runId);
            if (latest != runId) {
                throw new RunRefusedException(RunRefusedException.Reason.NOTHING_TO_RESUME, "Run " + runId + " of '"
                        + run.pipeline() + "' is not the pipeline's latest unfinished run: run " + latest + " is. "
                        + "Resume run " + latest + ", or abandon it first with 'runs abandon " + latest + "'.");
            }
            Pipeline p = pipelineOf(spec, pipelines, run, input, params, store);
            RunOptions options = RunOptions.defaults().withMode(RunMode.RESUME).withBatchSize(batchSize)
                    .withMaxDuration(maxDuration != null && !maxDuration.isZero() ? maxDuration : null);
            RunResult r = settings.console(spec, store, probe, clock, runnerSettings).run(p, options);
            return r.exitCode();
        }
    }

    static RunRow require(Store store, long runId) {
        return Runs.on(store).find(runId).orElseThrow(() -> new EtlRecoveryException("There is no run " + runId
                + " in this store. 'runs list' shows the runs."));
    }

    /**
     * The pipeline {@code run} belongs to, built with {@code input} or else the input file the run recorded (when
     * that file exists); an unknown pipeline or a rejected input is a usage error.
     */
    static Pipeline pipelineOf(CommandSpec spec, Pipelines pipelines, RunRow run, Path input, Map<String, String> params,
                               Store store) {
        Path in = input != null ? input : recordedInput(run).orElse(null);
        return RunCommand.create(spec, pipelines, run.pipeline(), in, params, store);
    }

    private static Optional<Path> recordedInput(RunRow run) {
        if (run.inputRef() == null) return Optional.empty();
        try {
            Path p = Path.of(run.inputRef());
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
