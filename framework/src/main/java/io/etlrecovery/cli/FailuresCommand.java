package io.etlrecovery.cli;

import io.etlrecovery.cli.internal.Cells;
import io.etlrecovery.cli.internal.KnownPipelines;
import io.etlrecovery.cli.internal.Printable;
import io.etlrecovery.internal.Fmt;
import io.etlrecovery.report.DayFailures;
import io.etlrecovery.report.FailureQuery;
import io.etlrecovery.report.FailureReport;
import io.etlrecovery.report.PipelineFailures;
import io.etlrecovery.report.Reports;
import io.etlrecovery.report.RunFailures;
import io.etlrecovery.report.StopCause;
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
 * {@code failures}: failure analysis per pipeline (default), per pipeline and day ({@code --by day}) or per run
 * ({@code --by run}): failure rates, trend, incidents and MTTR, recovery success rate and the most common stop
 * cause. In {@code json} and {@code csv} rates are fractions and MTTR is in seconds.
 */
@Command(name = "failures",
        description = {"Shows failure analysis over the last days: per pipeline (default) the run and record failure "
                + "rates, their trend (second half of the days against the first), incidents and the mean time to "
                + "recovery (MTTR: from a failure to the next successful run), the recovery success rate (failures "
                + "retried or fallen back that recovered) and the most common stop cause; --by day gives one row per "
                + "pipeline and UTC day, --by run one row per run (newest first).",
            "Stores the per-day and per-run rows in FAILURE_ANALYSIS; safe while pipelines run."})
final class FailuresCommand implements Callable<Integer> {

    /** What one row stands for. */
    enum By { PIPELINE, DAY, RUN }

    static final List<String> PIPELINE_COLUMNS = List.of("pipeline", "runs", "failedRuns", "failureRate", "records",
            "failedRecords", "recordFailureRate", "trend", "incidents", "unresolvedIncidents", "mttrSeconds",
            "retriedFailures", "recoveredFailures", "recoverySuccessRate", "topStopCause");
    static final List<String> PIPELINE_TABLE = List.of("pipeline", "runs", "failedRuns", "failureRate", "records",
            "failedRecords", "recordFailureRate", "trend", "incidents", "unresolvedIncidents", "mttr",
            "recoverySuccessRate", "topStopCause");
    static final List<String> DAY_COLUMNS = List.of("pipeline", "day", "runs", "failedRuns", "failureRate", "records",
            "failedRecords", "recordFailureRate", "retriedFailures", "recoveredFailures", "recoverySuccessRate",
            "mttrSeconds", "topStopCause");
    static final List<String> DAY_TABLE = List.of("pipeline", "day", "runs", "failedRuns", "failureRate", "records",
            "failedRecords", "recordFailureRate", "recoverySuccessRate", "mttr", "topStopCause");
    static final List<String> RUN_COLUMNS = List.of("pipeline", "runId", "status", "failed", "startedAt", "endedAt",
            "resumeCount", "recordsRead", "recordsQuarantined", "recordFailureRate", "retries", "stopCategory",
            "stopReason");
    static final List<String> RUN_TABLE = List.of("pipeline", "runId", "status", "startedAt", "endedAt",
            "recordsRead", "recordsQuarantined", "recordFailureRate", "retries", "stopReason");

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption format;

    @Option(names = "--pipeline", paramLabel = "<name>", description = "Only this pipeline (default: every pipeline).")
    String pipeline;

    @Option(names = {"--days", "--window"}, paramLabel = "<days>", defaultValue = "30",
            description = "The period in UTC days, today included: e.g. 30, 30d or 4w (default: ${DEFAULT-VALUE}; "
                    + "1 to " + FailureQuery.MAX_DAYS + ").")
    String days;

    @Option(names = "--by", paramLabel = "<row>", defaultValue = "pipeline",
            description = "One row per pipeline, day or run (default: ${DEFAULT-VALUE}).")
    By by = By.PIPELINE;

    @Option(names = "--limit", paramLabel = "<n>", defaultValue = "100",
            description = "With --by run: the newest runs listed per pipeline (default: ${DEFAULT-VALUE}; 1 to 100000).")
    int limit;

    /** Where "now" comes from; tests replace it. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        int nDays = parseDays();
        if (limit < 1 || limit > 100_000) {
            throw new ParameterException(spec.commandLine(), "Invalid value for --limit: must be 1 to 100000, was "
                    + limit);
        }
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        try (Store store = root.openStore()) {
            Reports reports = Reports.on(store).clock(clock);
            KnownPipelines.problem(reports, pipeline).ifPresent(m -> {
                throw new ParameterException(spec.commandLine(), m);
            });
            FailureReport report = reports.failures(new FailureQuery(pipeline, nDays,
                    by == By.RUN ? limit : 0, FailureQuery.DEFAULT_MAX_STOP_CAUSES));
            print(root.out(), report);
        }
        return ExitCode.OK.code();
    }

    private int parseDays() {
        return DayCount.parse(spec, "--days", days, FailureQuery.MAX_DAYS);
    }

    private void print(PrintWriter out, FailureReport report) {
        boolean human = format.isTable();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PipelineFailures p : report.pipelines()) {
            switch (by) {
                case PIPELINE -> rows.add(pipelineRow(p, human));
                case DAY -> p.days().forEach(d -> rows.add(dayRow(d, human)));
                case RUN -> p.recentRuns().forEach(r -> rows.add(runRow(r, human)));
            }
        }
        if (human) {
            out.println("Failure analysis " + (by == By.PIPELINE ? "per pipeline" : by == By.DAY ? "per pipeline and day"
                    : "per run") + ", " + report.from() + " to " + report.to() + " (UTC, "
                    + (report.to().toEpochDay() - report.from().toEpochDay() + 1) + " days, today included)");
            out.println();
        }
        List<String> columns = switch (by) {
            case PIPELINE -> human ? PIPELINE_TABLE : PIPELINE_COLUMNS;
            case DAY -> human ? DAY_TABLE : DAY_COLUMNS;
            case RUN -> human ? RUN_TABLE : RUN_COLUMNS;
        };
        format.print(out, columns, rows);
        if (human && report.pipelines().isEmpty()) out.println("No pipeline has run yet.");
        if (human && by == By.PIPELINE) {
            for (PipelineFailures p : report.pipelines()) {
                if (p.stopCauses().isEmpty()) continue;
                out.println();
                out.println("Stop causes of " + Printable.line(p.pipeline()) + ":");
                for (StopCause c : p.stopCauses()) {
                    out.println("  " + c.runs() + (c.runs() == 1 ? " run   " : " runs  ")
                            + (c.category() == null ? "" : c.category() + ": ") + Printable.line(c.reason())
                            + " (last " + Fmt.minute(c.lastAt()) + ")");
                }
            }
        }
    }

    private static Map<String, Object> pipelineRow(PipelineFailures p, boolean human) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("pipeline", p.pipeline());
        row.put("runs", p.runs());
        row.put("failedRuns", p.failedRuns());
        row.put("failureRate", Cells.share(p.failureRate(), human));
        row.put("records", p.records());
        row.put("failedRecords", p.failedRecords());
        row.put("recordFailureRate", Cells.share(p.recordFailureRate(), human));
        row.put("trend", p.trend().name());
        row.put("incidents", p.incidents());
        row.put("unresolvedIncidents", p.unresolvedIncidents());
        row.put("mttrSeconds", Cells.seconds(p.mttr()));
        row.put("mttr", Cells.duration(p.mttr()));
        row.put("retriedFailures", p.retriedFailures());
        row.put("recoveredFailures", p.recoveredFailures());
        row.put("recoverySuccessRate", Cells.share(p.recoverySuccessRate(), human));
        StopCause top = p.stopCauses().isEmpty() ? null : p.stopCauses().get(0);
        row.put("topStopCause", top == null ? null : (top.category() == null ? "" : top.category() + ": ")
                + top.reason() + " (" + top.runs() + (top.runs() == 1 ? " run)" : " runs)"));
        return row;
    }

    private static Map<String, Object> dayRow(DayFailures d, boolean human) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("pipeline", d.pipeline());
        row.put("day", d.day().toString());
        row.put("runs", d.runs());
        row.put("failedRuns", d.failedRuns());
        row.put("failureRate", Cells.share(d.failureRate(), human));
        row.put("records", d.records());
        row.put("failedRecords", d.failedRecords());
        row.put("recordFailureRate", Cells.share(d.recordFailureRate(), human));
        row.put("retriedFailures", d.retriedFailures());
        row.put("recoveredFailures", d.recoveredFailures());
        row.put("recoverySuccessRate", Cells.share(d.recoverySuccessRate(), human));
        row.put("mttrSeconds", Cells.seconds(d.mttr()));
        row.put("mttr", Cells.duration(d.mttr()));
        row.put("topStopCause", d.topStopCause());
        return row;
    }

    private static Map<String, Object> runRow(RunFailures r, boolean human) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("pipeline", r.pipeline());
        row.put("runId", r.runId());
        row.put("status", r.status());
        row.put("failed", r.failed());
        row.put("startedAt", Cells.time(r.startedAt(), human));
        row.put("endedAt", Cells.time(r.endedAt(), human));
        row.put("resumeCount", r.resumeCount());
        row.put("recordsRead", r.recordsRead());
        row.put("recordsQuarantined", r.recordsQuarantined());
        row.put("recordFailureRate", Cells.share(r.recordFailureRate(), human));
        row.put("retries", r.retries());
        row.put("stopCategory", r.stopCategory());
        row.put("stopReason", human && r.stopReason() != null
                ? (r.stopCategory() == null ? "" : r.stopCategory() + ": ") + r.stopReason() : r.stopReason());
        return row;
    }
}
