package io.etlrecovery.cli;

import io.etlrecovery.quarantine.Quarantine;
import io.etlrecovery.quarantine.QuarantineQuery;
import io.etlrecovery.quarantine.QuarantinedRecord;
import io.etlrecovery.store.Store;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code quarantine list}: one line per quarantined record (id, pipeline, run, step, record, line, status, attempts,
 * category, error, quarantinedAt), oldest first. In {@code table} format a last line says how many more match.
 */
@Command(name = "list",
        description = {"Lists quarantined records, oldest first: where each came from, its status and its latest error.",
            "'quarantine show <id>' shows a record's raw text and fields."})
final class QuarantineListCommand implements Callable<Integer> {

    static final List<String> COLUMNS = List.of("id", "pipeline", "run", "step", "record", "line", "status",
            "attempts", "category", "error", "quarantinedAt");

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption format;

    @Mixin
    QuarantineCommand.Filters filters;

    @Override
    public Integer call() {
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        QuarantineQuery query = filters.query(spec);
        try (Store store = root.openStore()) {
            Quarantine q = Quarantine.on(store);
            List<QuarantinedRecord> records = q.list(query);
            List<Map<String, Object>> rows = new ArrayList<>(records.size());
            for (QuarantinedRecord r : records) rows.add(QuarantineCommand.summary(r));
            PrintWriter out = root.out();
            format.print(out, COLUMNS, rows);
            if (format.isTable() && records.size() == query.limit()) {
                long total = q.count(query);
                if (total > records.size()) {
                    out.println("(" + records.size() + " of " + total + " records shown; use --limit for more)");
                }
            }
        }
        return ExitCode.OK.code();
    }
}
