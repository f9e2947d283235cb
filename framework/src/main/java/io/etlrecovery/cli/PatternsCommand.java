package io.etlrecovery.cli;

import io.etlrecovery.report.FailureQuery;
import io.etlrecovery.cli.internal.Cells;
import io.etlrecovery.cli.internal.KnownPipelines;
import io.etlrecovery.cli.internal.Printable;
import io.etlrecovery.internal.Fmt;
import io.etlrecovery.report.PatternEntry;
import io.etlrecovery.report.PatternQuery;
import io.etlrecovery.report.PatternReport;
import io.etlrecovery.report.Reports;
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
 * {@code patterns}: the top recurring failure patterns over the last days, most frequent first, each naming its
 * pipeline, with its count, the count of the window before, the trend, the runs it affected and what to do.
 */
@Command(name = "patterns",
        description = {"Shows the recurring failure patterns of every pipeline (or one) over the last days, most "
                + "frequent first: errors that differ only in ids, numbers or quoted values are one pattern. Each "
                + "with its occurrences, those of the window of the same length before, the trend (NEW, RISING, "
                + "STEADY, FALLING: more than 20%% up or down), the runs it affected and the recommended action.",
            "Read-only; safe while pipelines run."})
final class PatternsCommand implements Callable<Integer> {

    static final List<String> COLUMNS = List.of("pipeline", "occurrences", "previousOccurrences", "trend",
            "totalOccurrences", "runsAffected", "category", "errorType", "step", "exceptionClass", "pattern",
            "exampleMessage", "firstSeen", "lastSeen", "recommendation", "fingerprint");
    static final List<String> TABLE_COLUMNS = List.of("pipeline", "count", "before", "trend", "runs", "category",
            "step", "exampleMessage", "lastSeen", "recommendation");

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption format;

    @Option(names = "--pipeline", paramLabel = "<name>", description = "Only this pipeline (default: every pipeline).")
    String pipeline;

    @Option(names = "--top", paramLabel = "<n>", defaultValue = "10",
            description = "How many patterns (default: ${DEFAULT-VALUE}; 1 to 10000).")
    int top;

    @Option(names = {"--days", "--window"}, paramLabel = "<days>", defaultValue = "7",
            description = "The window in UTC days, today included: e.g. 7, 7d or 2w (default: ${DEFAULT-VALUE}; "
                    + "1 to " + FailureQuery.MAX_DAYS + "). The trend compares it with the same number of days before.")
    String days;

    /** Where "now" comes from; tests replace it. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        if (top < 1 || top > 10_000) {
            throw new ParameterException(spec.commandLine(), "Invalid value for --top: must be 1 to 10000, was " + top);
        }
        int nDays = parseDays();
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        try (Store store = root.openStore()) {
            Reports reports = Reports.on(store).clock(clock);
            KnownPipelines.problem(reports, pipeline).ifPresent(m -> {
                throw new ParameterException(spec.commandLine(), m);
            });
            PatternReport report = reports.patterns(new PatternQuery(pipeline, top, nDays));
            print(root.out(), report);
        }
        return ExitCode.OK.code();
    }

    private int parseDays() {
        return DayCount.parse(spec, "--days", days, FailureQuery.MAX_DAYS);
    }

    private void print(PrintWriter out, PatternReport report) {
        boolean human = format.isTable();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PatternEntry e : report.patterns()) rows.add(row(e, human));
        if (human) {
            out.println("Top " + report.patterns().size() + " of " + report.patternsInWindow() + " failure patterns"
                    + (pipeline == null ? "" : " of " + Printable.line(pipeline)) + ", " + report.from() + " to "
                    + report.to() + " (UTC, " + (report.to().toEpochDay() - report.from().toEpochDay() + 1)
                    + " days): " + Fmt.count(report.totalOccurrences()) + " occurrences; trend against "
                    + report.previousFrom() + " to " + report.previousTo());
            out.println();
        }
        format.print(out, human ? TABLE_COLUMNS : COLUMNS, rows);
        if (human && rows.isEmpty()) out.println("No failures recorded in the window.");
    }

    private static Map<String, Object> row(PatternEntry e, boolean human) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("pipeline", e.pipeline());
        row.put("occurrences", e.occurrences());
        row.put("count", e.occurrences());
        row.put("previousOccurrences", e.previousOccurrences());
        row.put("before", e.previousOccurrences());
        row.put("trend", e.trend().name());
        row.put("totalOccurrences", e.totalOccurrences());
        row.put("runsAffected", e.runsAffected());
        row.put("runs", e.runsAffected());
        row.put("category", e.category());
        row.put("errorType", e.errorType());
        row.put("step", e.stepName());
        row.put("exceptionClass", e.exceptionClass());
        row.put("pattern", e.normalizedMessage());
        row.put("exampleMessage", human ? shortClass(e.exceptionClass()) + ": " + e.exampleMessage() : e.exampleMessage());
        row.put("firstSeen", Cells.time(e.firstSeen(), human));
        row.put("lastSeen", Cells.time(e.lastSeen(), human));
        row.put("recommendation", e.recommendation());
        row.put("fingerprint", e.fingerprint());
        return row;
    }

    private static String shortClass(String className) {
        if (className == null) return "";
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }
}
