package io.etlrecovery.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code db}: groups the commands that create, inspect and check the store. */
@Command(name = "db",
        description = "Create, inspect and check the store.",
        subcommands = {DbMigrateCommand.class, DbInfoCommand.class, DbVerifyCommand.class})
final class DbCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw EtlRecoveryCommand.missingSubcommand(spec);
    }
}
