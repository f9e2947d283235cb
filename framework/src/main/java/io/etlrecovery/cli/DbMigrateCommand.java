package io.etlrecovery.cli;

import io.etlrecovery.cli.internal.Printable;
import io.etlrecovery.store.JdbcUrls;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code db migrate}: creates the store if needed and brings its schema to the latest version. */
@Command(name = "migrate",
        description = {"Creates the store if needed and migrates its schema to the latest version, then prints "
                + "the version.",
            "Every command that opens the store does this on its own; use this to prepare a store ahead of time."})
final class DbMigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        StoreConfig config = root.storeConfig();
        Optional<Path> file = JdbcUrls.h2FilePath(config.url());
        boolean existed = file.isEmpty() || Files.exists(Path.of(file.get().toAbsolutePath() + ".mv.db"));
        try (Store store = Store.open(config)) {
            root.out().println((existed ? "Store " : "Created the store ") + Printable.line(store.describe())
                    + (existed ? " is at" : " at") + " schema version " + Printable.line(store.schemaVersion()) + ".");
        }
        return ExitCode.OK.code();
    }
}
