package io.etlrecovery.cli;

import io.etlrecovery.cli.internal.Printable;
import io.etlrecovery.runner.Runs;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runs abandon <id> --reason <text>}: marks an unfinished run ABANDONED, so that it is never resumed. */
@Command(name = "abandon",
        description = {"Gives up an unfinished run: marks it ABANDONED so that it is never resumed, and records why. "
                + "What it loaded stays loaded (use 'runs rollback' to remove it) and its quarantined records are "
                + "kept.",
            "The next 'run' of the pipeline starts a new run. Refused while the run's process is alive."})
final class RunsAbandonCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<run-id>", description = "The run to abandon (see 'runs list').")
    long runId;

    @Option(names = "--reason", paramLabel = "<text>", required = true,
            description = "Why the run is given up; recorded with it.")
    String reason;

    @Override
    public Integer call() {
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        try (Store store = root.openStore()) {
            RunRow run = Runs.on(store).abandon(runId, reason);
            root.out().println("Run " + run.runId() + " of '" + Printable.line(run.pipeline()) + "' is now "
                    + run.status() + " after " + run.recordsRead() + " records read and " + run.recordsLoaded()
                    + " loaded; it will not be resumed. Its loaded rows and quarantined records are kept; '"
                    + RunCommand.commandPrefix(root) + " runs rollback " + run.runId() + "' removes the rows.");
        }
        return ExitCode.OK.code();
    }
}
