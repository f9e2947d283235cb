package io.etlrecovery.cli;

import io.etlrecovery.report.FailureQuery;
import io.etlrecovery.cli.internal.KnownPipelines;
import io.etlrecovery.cli.internal.Printable;
import io.etlrecovery.health.HealthItem;
import io.etlrecovery.health.HealthReport;
import io.etlrecovery.health.HealthStatus;
import io.etlrecovery.health.PreRunChecks;
import io.etlrecovery.internal.Fmt;
import io.etlrecovery.report.Reports;
import io.etlrecovery.store.HealthRow;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code health}: checks the store and the machine now (store reachable, schema version, disk free on the store's
 * volume, memory, heap, file descriptors, CPU) and exits 0 when nothing FAILED; or, with {@code --history}, lists
 * the stored SYSTEM_HEALTH snapshots.
 */
@Command(name = "health",
        description = {"Checks the store and the machine now: that the store answers, its schema version, free disk "
                + "on the store's volume and available memory (FAILED below the pre-run minimums of 1 GiB and 256 "
                + "MiB, when a run would be refused; WARNING below twice that), JVM heap and file descriptors "
                + "(WARNING above 90%% used) and CPU load. Exit code 0 when nothing FAILED, 1 when a resource check "
                + "FAILED, 5 when the store does not answer.",
            "With --history: the resource snapshots runs recorded (at run start, periodically, at run end) and "
                    + "earlier checks, newest first; --pipeline, --days and --limit select them (and imply --history)."})
final class HealthCommand implements Callable<Integer> {

    static final List<String> CHECK_COLUMNS = List.of("check", "status", "detail");
    static final List<String> HISTORY_COLUMNS = List.of("pipeline", "runId", "phase", "takenAt", "host", "cpuLoad",
            "memoryAvailableBytes", "memoryTotalBytes", "diskFreeBytes", "diskTotalBytes", "heapUsedBytes",
            "heapMaxBytes", "openFileDescriptors", "maxFileDescriptors");
    static final List<String> HISTORY_TABLE = List.of("pipeline", "runId", "phase", "takenAt", "host", "cpu",
            "memoryAvailable", "diskFree", "heap", "fileDescriptors");

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption format;

    @Option(names = "--history", description = "List the stored snapshots instead of checking now.")
    boolean history;

    @Option(names = "--pipeline", paramLabel = "<name>",
            description = "With --history: only snapshots taken during runs of this pipeline.")
    String pipeline;

    @Option(names = {"--days", "--window"}, paramLabel = "<days>",
            description = "With --history: snapshots of the last days, e.g. 1, 7d (default: 1; 1 to " + FailureQuery.MAX_DAYS + ").")
    String days;

    @Option(names = "--limit", paramLabel = "<n>", defaultValue = "100",
            description = "With --history: at most this many snapshots, newest first (default: ${DEFAULT-VALUE}).")
    int limit;

    /** Where "now" comes from; tests replace it. */
    Clock clock = Clock.systemUTC();

    /** The minimums and the probe of the check; tests replace it. */
    PreRunChecks limits = PreRunChecks.defaults();

    @Override
    public Integer call() {
        boolean listHistory = history || pipeline != null || days != null;
        int nDays = parseDays();
        if (limit < 1 || limit > 100_000) {
            throw new ParameterException(spec.commandLine(), "Invalid value for --limit: must be 1 to 100000, was "
                    + limit);
        }
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        try (Store store = root.openStore()) {
            Reports reports = Reports.on(store).clock(clock).healthLimits(limits);
            if (listHistory) {
                KnownPipelines.problem(reports, pipeline).ifPresent(m -> {
                    throw new ParameterException(spec.commandLine(), m);
                });
                printHistory(root.out(), store, nDays);
                return ExitCode.OK.code();
            }
            HealthReport report = reports.health();
            printCheck(root.out(), report);
            if (report.status() != HealthStatus.FAILED) return ExitCode.OK.code();
            boolean storeFailed = report.item("store").map(i -> i.status() == HealthStatus.FAILED).orElse(false);
            return (storeFailed ? ExitCode.STORE_ERROR : ExitCode.FAILED).code();
        }
    }

    private int parseDays() {
        if (days == null) return 1;
        return DayCount.parse(spec, "--days", days, FailureQuery.MAX_DAYS);
    }

    private void printCheck(PrintWriter out, HealthReport report) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (HealthItem i : report.items()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("check", i.name());
            row.put("status", i.status().name());
            row.put("detail", i.detail());
            rows.add(row);
        }
        if (format.isTable()) {
            out.println("Health at " + Fmt.time(report.checkedAt()) + ": " + report.status());
            out.println("Store:           " + Printable.line(report.store()));
            out.println("Schema version:  " + Printable.line(report.schemaVersion()));
            out.println();
        }
        format.print(out, CHECK_COLUMNS, rows);
    }

    private void printHistory(PrintWriter out, Store store, int nDays) {
        Instant since = clock.instant().minus(Duration.ofDays(nDays));
        boolean human = format.isTable();
        List<Map<String, Object>> rows = store.withSession(s -> {
            List<HealthRow> snapshots = pipeline == null ? s.health().recent(since, limit)
                    : s.health().recentOfPipeline(pipeline, since, limit);
            Map<Long, Optional<RunRow>> runs = new HashMap<>();
            List<Map<String, Object>> result = new ArrayList<>(snapshots.size());
            for (HealthRow h : snapshots) {
                String p = h.runId() == null ? null
                        : runs.computeIfAbsent(h.runId(), id -> s.runs().find(id)).map(RunRow::pipeline).orElse(null);
                result.add(historyRow(p, h, human));
            }
            return result;
        });
        if (human) {
            out.println("Health snapshots since " + Fmt.time(since) + (pipeline == null ? ""
                    : " during runs of " + Printable.line(pipeline)) + ", newest first (at most " + limit + ")");
            out.println();
        }
        format.print(out, human ? HISTORY_TABLE : HISTORY_COLUMNS, rows);
    }

    private static Map<String, Object> historyRow(String pipeline, HealthRow h, boolean human) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("pipeline", pipeline);
        row.put("runId", h.runId());
        row.put("phase", h.phase());
        row.put("takenAt", human ? Fmt.time(h.takenAt()) : h.takenAt().toString());
        row.put("host", h.host());
        row.put("cpuLoad", h.cpuLoad());
        row.put("cpu", h.cpuLoad() == null ? null : Fmt.percent(h.cpuLoad()));
        row.put("memoryAvailableBytes", h.memoryAvailableBytes());
        row.put("memoryTotalBytes", h.memoryTotalBytes());
        row.put("memoryAvailable", ofTotal(h.memoryAvailableBytes(), h.memoryTotalBytes()));
        row.put("diskFreeBytes", h.diskFreeBytes());
        row.put("diskTotalBytes", h.diskTotalBytes());
        row.put("diskFree", ofTotal(h.diskFreeBytes(), h.diskTotalBytes()));
        row.put("heapUsedBytes", h.heapUsedBytes());
        row.put("heapMaxBytes", h.heapMaxBytes());
        row.put("heap", ofTotal(h.heapUsedBytes(), h.heapMaxBytes()));
        row.put("openFileDescriptors", h.openFileDescriptors());
        row.put("maxFileDescriptors", h.maxFileDescriptors());
        row.put("fileDescriptors", h.openFileDescriptors() == null ? null : h.openFileDescriptors()
                + (h.maxFileDescriptors() == null ? "" : " of " + h.maxFileDescriptors()));
        return row;
    }

    private static String ofTotal(Long part, Long total) {
        if (part == null) return null;
        return Fmt.bytes(part) + (total == null ? "" : " of " + Fmt.bytes(total));
    }
}
