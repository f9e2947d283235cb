package io.etlrecovery.cli;

import io.etlrecovery.cli.internal.Printable;
import io.etlrecovery.store.Store;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code db info}: the store's URL (redacted), schema version and the row count of every table. In {@code table}
 * format the URL and version head the table; {@code json} and {@code csv} carry the rows only (columns
 * {@code table}, {@code rows}).
 */
@Command(name = "info",
        description = "Shows the store's URL, schema version and the number of rows in every table. Opens "
                + "(creating and migrating if needed) the store.")
final class DbInfoCommand implements Callable<Integer> {

    static final List<String> COLUMNS = List.of("table", "rows");

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        try (Store store = root.openStore()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map.Entry<String, Long> e : store.tableCounts().entrySet()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("table", e.getKey());
                row.put("rows", e.getValue());
                rows.add(row);
            }
            PrintWriter out = root.out();
            if (format.isTable()) {
                out.println("Store:           " + Printable.line(store.describe()));
                out.println("Schema version:  " + Printable.line(store.schemaVersion()));
                out.println();
            }
            format.print(out, COLUMNS, rows);
        }
        return ExitCode.OK.code();
    }
}
