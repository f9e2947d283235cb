package io.etlrecovery.cli;

import io.etlrecovery.cli.internal.Printable;
import io.etlrecovery.internal.Fmt;
import io.etlrecovery.recovery.Redactor;
import io.etlrecovery.recovery.internal.Durations;
import io.etlrecovery.runner.RunStatus;
import io.etlrecovery.runner.Runs;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
 * {@code runs list}: the newest runs first. {@code json} and {@code csv} carry every column of {@link #COLUMNS}
 * (times as ISO-8601 UTC instants, durations in milliseconds); {@code table} a narrower set.
 */
@Command(name = "list",
        description = {"Lists runs, newest first: status, counts, duration and why a run stopped.",
            "JSON and CSV carry every column; the table a readable subset."})
final class RunsListCommand implements Callable<Integer> {

    /** The columns of json and csv. */
    static final List<String> COLUMNS = List.of("runId", "pipeline", "status", "startedAt", "endedAt", "durationMs",
            "recordsRead", "recordsLoaded", "recordsQuarantined", "recordsFiltered", "retries", "batchesCommitted",
            "resumeCount", "currentStep", "host", "pid", "input", "stopCategory", "stopReason");

    /** The columns of the table. */
    static final List<String> TABLE_COLUMNS = List.of("runId", "pipeline", "status", "started", "duration",
            "read", "loaded", "quarantined", "retries", "resumes", "stopReason");

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption format;

    @Option(names = "--pipeline", paramLabel = "<name>", description = "Only runs of this pipeline.")
    String pipeline;

    @Option(names = "--status", paramLabel = "<status>",
            description = "Only runs in this status: ${COMPLETION-CANDIDATES}.")
    RunStatus status;

    @Option(names = "--since", paramLabel = "<time>",
            description = "Only runs started at or after this time: an instant (2026-11-01T08:00:00Z), a UTC date "
                    + "(2026-11-01) or a duration ago (12h, 7d).")
    String since;

    @Option(names = "--days", paramLabel = "<days>",
            description = "Only runs started in the last <days> days (instead of --since).")
    Integer days;

    @Option(names = "--limit", paramLabel = "<n>", defaultValue = "50",
            description = "At most this many runs (default: ${DEFAULT-VALUE}).")
    int limit;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        if (limit < 1) throw new ParameterException(spec.commandLine(), "--limit must be at least 1, was " + limit);
        Instant from = since(spec, since, days, clock);
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        try (Store store = root.openStore()) {
            List<RunRow> runs = Runs.on(store).list(pipeline, status, from, limit);
            List<Map<String, Object>> rows = new ArrayList<>(runs.size());
            for (RunRow r : runs) rows.add(format.isTable() ? tableRow(r) : row(r));
            format.print(root.out(), format.isTable() ? TABLE_COLUMNS : COLUMNS, rows);
            if (format.isTable() && runs.isEmpty()) root.out().println("(no runs" + (pipeline == null ? "" : " of '"
                    + Printable.line(pipeline) + "'") + (status == null ? "" : " in status " + status)
                    + (from == null ? "" : " since " + Fmt.time(from)) + ")");
        }
        return ExitCode.OK.code();
    }

    /** The start of the window {@code --since} or {@code --days} give, or {@code null} for no window. */
    static Instant since(CommandSpec spec, String since, Integer days, Clock clock) {
        if (since != null && days != null) {
            throw new ParameterException(spec.commandLine(), "--since and --days exclude each other: give one");
        }
        if (days != null) {
            if (days < 1) throw new ParameterException(spec.commandLine(), "--days must be at least 1, was " + days);
            return clock.instant().minus(Duration.ofDays(days));
        }
        if (since == null) return null;
        String s = since.trim();
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            // not an instant
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            // not a date
        }
        try {
            Duration ago = Durations.parse(s);
            if (!ago.isNegative()) return clock.instant().minus(ago);
        } catch (IllegalArgumentException e) {
            // not a duration
        }
        throw new ParameterException(spec.commandLine(), "--since '" + since + "' is not a time: expected an "
                + "instant (2026-11-01T08:00:00Z), a UTC date (2026-11-01) or a duration ago (12h, 7d)");
    }

    /** Every column of a run, for json and csv. */
    static Map<String, Object> row(RunRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", r.runId());
        m.put("pipeline", r.pipeline());
        m.put("status", r.status());
        m.put("startedAt", r.startedAt());
        m.put("endedAt", r.endedAt());
        m.put("durationMs", r.endedAt() == null ? null : Duration.between(r.startedAt(), r.endedAt()).toMillis());
        m.put("recordsRead", r.recordsRead());
        m.put("recordsLoaded", r.recordsLoaded());
        m.put("recordsQuarantined", r.recordsQuarantined());
        m.put("recordsFiltered", r.recordsFiltered());
        m.put("retries", r.retries());
        m.put("batchesCommitted", r.batchesCommitted());
        m.put("resumeCount", r.resumeCount());
        m.put("currentStep", r.currentStep());
        m.put("host", r.host());
        m.put("pid", r.pid());
        m.put("input", r.inputRef() == null ? null : redact(r.inputRef()));
        m.put("stopCategory", r.stopCategory());
        m.put("stopReason", r.stopReason() == null ? null : redact(r.stopReason()));
        return m;
    }

    /** Text from the store, redacted (Output makes it terminal-safe). */
    static String redact(String text) {
        return Redactor.defaults().redact(text);
    }

    private static Map<String, Object> tableRow(RunRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", r.runId());
        m.put("pipeline", r.pipeline());
        m.put("status", r.status());
        m.put("started", Fmt.time(r.startedAt()));
        m.put("duration", r.endedAt() == null ? "" : Fmt.duration(Duration.between(r.startedAt(), r.endedAt())
                .withNanos(0)));
        m.put("read", r.recordsRead());
        m.put("loaded", r.recordsLoaded());
        m.put("quarantined", r.recordsQuarantined());
        m.put("retries", r.retries());
        m.put("resumes", r.resumeCount());
        m.put("stopReason", r.stopReason() == null ? "" : redact(r.stopReason()));
        return m;
    }
}
