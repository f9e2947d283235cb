package io.etlrecovery.cli;

import io.etlrecovery.cli.internal.Cells;
import io.etlrecovery.cli.internal.Printable;
import io.etlrecovery.internal.Fmt;
import io.etlrecovery.retention.PurgeReport;
import io.etlrecovery.retention.Retention;
import io.etlrecovery.retention.TablePurge;
import io.etlrecovery.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code purge --older-than-days N [--execute]}: removes old ERROR_DETAILS, RETRY_ATTEMPTS and SYSTEM_HEALTH rows
 * (see {@link Retention}); a dry run unless {@code --execute}.
 */
@Command(name = "purge",
        description = {"Removes the ERROR_DETAILS, RETRY_ATTEMPTS and SYSTEM_HEALTH rows older than N days (before "
                + "the UTC midnight that began the day N days ago). The aggregates the reports read stay: "
                + "ERROR_PATTERNS, ERROR_PATTERN_DAYS, ERROR_BUDGET and FAILURE_ANALYSIS (the failure analysis of "
                + "the days purged is stored first), so the budget, patterns and failures reports keep their numbers.",
            "A dry run by default: prints per table what it would remove. With --execute it deletes, in chunks of "
                    + "short transactions (safe while pipelines run), and prints what it removed. Exit code 1, with nothing "
                    + "deleted, when the failure analysis of the days to purge cannot be stored first."})
final class PurgeCommand implements Callable<Integer> {

    static final List<String> COLUMNS = List.of("table", "rows", "oldest", "cutoff", "executed");
    static final List<String> TABLE_COLUMNS = List.of("table", "rows", "oldest");

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption format;

    @Option(names = "--older-than-days", paramLabel = "<days>", required = true,
            description = "Remove rows older than this many days: e.g. 90 or 90d (1 to " + Retention.MAX_DAYS + ").")
    String olderThanDays;

    @Option(names = "--execute", description = "Delete. Without it, only show what would be removed.")
    boolean execute;

    @Option(names = "--chunk-size", paramLabel = "<rows>", defaultValue = "10000",
            description = "Rows deleted per transaction (default: ${DEFAULT-VALUE}).")
    int chunkSize;

    /** Where "now" comes from; tests replace it. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        int days = DayCount.parse(spec, "--older-than-days", olderThanDays, Retention.MAX_DAYS);
        if (chunkSize < 1 || chunkSize > 1_000_000) {
            throw new ParameterException(spec.commandLine(), "Invalid value for --chunk-size: must be 1 to 1000000, "
                    + "was " + chunkSize);
        }
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        try (Store store = root.openStore()) {
            Retention retention = Retention.on(store).clock(clock).chunkSize(chunkSize);
            PurgeReport report = execute ? retention.purge(days) : retention.preview(days);
            print(root.out(), report, store.describe());
        }
        return ExitCode.OK.code();
    }

    private void print(PrintWriter out, PurgeReport report, String storeDescription) {
        boolean human = format.isTable();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TablePurge t : report.tables()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("table", t.table());
            row.put("rows", t.rows());
            row.put("oldest", Cells.time(t.oldest(), human));
            row.put("cutoff", report.cutoff().toString());
            row.put("executed", report.executed());
            rows.add(row);
        }
        String age = "older than " + report.olderThanDays() + (report.olderThanDays() == 1 ? " day" : " days")
                + " (before " + Fmt.time(report.cutoff()) + ")";
        if (human) {
            out.println(report.executed()
                    ? "Removed " + Fmt.count(report.totalRows()) + " rows " + age + " from " + Printable.line(storeDescription) + ":"
                    : "Dry run, nothing removed. Rows " + age + " in " + Printable.line(storeDescription)
                            + " that 'purge --execute' would remove:");
            out.println();
        }
        format.print(out, human ? TABLE_COLUMNS : COLUMNS, rows);
        if (human) {
            out.println();
            out.println("Kept: ERROR_PATTERNS, ERROR_PATTERN_DAYS, ERROR_BUDGET and FAILURE_ANALYSIS (the aggregates "
                    + "the budget, patterns and failures reports read).");
            if (!report.executed() && report.totalRows() > 0) {
                out.println("Run again with --execute to remove them.");
            }
        }
    }
}
