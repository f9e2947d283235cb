package io.etlrecovery.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code runs}: groups the commands that list, show, resume, abandon and roll back runs. */
@Command(name = "runs",
        description = "List, show, resume, abandon and roll back the runs recorded in the store.",
        subcommands = {RunsListCommand.class, RunsShowCommand.class, RunsResumeCommand.class,
            RunsAbandonCommand.class, RunsRollbackCommand.class})
final class RunsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw EtlRecoveryCommand.missingSubcommand(spec);
    }
}
