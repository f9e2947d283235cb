package io.etlrecovery.cli;

import io.etlrecovery.cli.internal.Printable;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.Pipelines;
import io.etlrecovery.runner.Runs;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.Store;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runs rollback <id>}: removes what a run loaded, by each step's compensation (for example a JdbcSink
 * deleting the rows carrying the run's id), in one transaction, and marks the run ROLLED_BACK.
 */
@Command(name = "rollback",
        description = {"Removes what a run loaded, through its pipeline's compensation (e.g. a JDBC sink deletes "
                + "the rows that carry the run's id), in one transaction, and marks the run ROLLED_BACK. Its "
                + "quarantined records are kept.",
            "The pipeline is the one the run recorded, found on the class path; give --input or --param if the "
                + "pipeline needs them to be built. Refused while the run's process is alive."})
final class RunsRollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<run-id>", description = "The run to roll back (see 'runs list').")
    long runId;

    @Option(names = "--input", paramLabel = "<path>",
            description = "The input file, if the pipeline needs one to be built (default: the one the run recorded).")
    Path input;

    @Option(names = "--param", paramLabel = "<key=value>", description = "A parameter of the pipeline (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    // set by tests through Main's customizer
    Pipelines pipelines;

    @Override
    public Integer call() {
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        try (Store store = root.openStore()) {
            RunRow run = RunsResumeCommand.require(store, runId);
            Pipeline p = RunsResumeCommand.pipelineOf(spec, pipelines, run, input, params, store);
            long removed = Runs.on(store).rollback(p, runId);
            root.out().println("Rolled back run " + runId + " of '" + Printable.line(run.pipeline()) + "': "
                    + removed + (removed == 1 ? " row" : " rows") + " removed; the run is now ROLLED_BACK. Its "
                    + "quarantined records are kept.");
        }
        return ExitCode.OK.code();
    }
}
