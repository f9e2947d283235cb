package io.etlrecovery.cli;

import io.etlrecovery.EtlRecoveryException;
import io.etlrecovery.cli.internal.Output;
import io.etlrecovery.cli.internal.Printable;
import io.etlrecovery.internal.Fmt;
import io.etlrecovery.runner.Runs;
import io.etlrecovery.store.CheckpointRow;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.Store;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runs show <id>}: one run with its counts, its quarantined records per category and the latest checkpoint
 * of each step. {@code json}: an array of one object, the columns of {@code runs list} plus
 * {@code quarantinedByCategory} (an object) and {@code steps} (an array of objects with {@link #STEP_COLUMNS});
 * {@code csv}: one line per step, with {@link #STEP_COLUMNS} after {@code runId} and {@code pipeline}.
 */
@Command(name = "show",
        description = {"Shows one run: status, times, host, input, counts, quarantined records per category, why "
                + "it stopped, and the latest checkpoint of each step (where a resume would continue).",
            "JSON gives the run with its steps nested; CSV one line per step."})
final class RunsShowCommand implements Callable<Integer> {

    static final List<String> STEP_COLUMNS = List.of("step", "stepIndex", "stepStatus", "batchNumber",
            "recordsProcessed", "recordsLoaded", "recordsQuarantined", "lastRecordNumber", "lastPosition",
            "checkpointAt");

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption format;

    @Parameters(index = "0", paramLabel = "<run-id>", description = "The run's id (see 'runs list').")
    long runId;

    @Override
    public Integer call() {
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        try (Store store = root.openStore()) {
            RunRow run = Runs.on(store).find(runId).orElseThrow(() -> new EtlRecoveryException("There is no run "
                    + runId + " in this store. 'runs list' shows the runs."));
            List<CheckpointRow> checkpoints = store.withSession(s -> s.checkpoints().latestPerStep(runId));
            Map<String, Long> byCategory = new TreeMap<String, Long>(
                    store.<Map<String, Long>, RuntimeException>withSession(s -> s.quarantine().countByCategory(runId)));
            List<Map<String, Object>> steps = new ArrayList<>();
            for (CheckpointRow c : checkpoints) steps.add(step(c));
            PrintWriter out = root.out();
            switch (format.format) {
                case TABLE -> table(out, run, byCategory, steps);
                case JSON -> {
                    Map<String, Object> row = RunsListCommand.row(run);
                    row.put("quarantinedByCategory", byCategory);
                    row.put("steps", steps);
                    List<String> columns = new ArrayList<>(RunsListCommand.COLUMNS);
                    columns.add("quarantinedByCategory");
                    columns.add("steps");
                    format.print(out, columns, List.of(row));
                }
                case CSV -> {
                    List<String> columns = new ArrayList<>(List.of("runId", "pipeline"));
                    columns.addAll(STEP_COLUMNS);
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (Map<String, Object> s : steps) {
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("runId", run.runId());
                        r.put("pipeline", run.pipeline());
                        r.putAll(s);
                        rows.add(r);
                    }
                    format.print(out, columns, rows);
                }
            }
        }
        return ExitCode.OK.code();
    }

    private static Map<String, Object> step(CheckpointRow c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", c.stepName());
        m.put("stepIndex", c.stepIndex());
        m.put("stepStatus", c.stepStatus());
        m.put("batchNumber", c.batchNumber());
        m.put("recordsProcessed", c.recordsProcessed());
        m.put("recordsLoaded", c.recordsLoaded());
        m.put("recordsQuarantined", c.recordsQuarantined());
        m.put("lastRecordNumber", c.lastRecordNumber());
        m.put("lastPosition", c.lastPosition());
        m.put("checkpointAt", c.createdAt());
        return m;
    }

    private void table(PrintWriter out, RunRow r, Map<String, Long> byCategory, List<Map<String, Object>> steps) {
        out.println("Run " + r.runId() + " of '" + Printable.line(r.pipeline()) + "': " + r.status());
        line(out, "Started", Fmt.time(r.startedAt()));
        if (r.endedAt() != null) {
            line(out, "Ended", Fmt.time(r.endedAt()) + " (after "
                    + Fmt.duration(Duration.between(r.startedAt(), r.endedAt()).withNanos(0)) + ")");
        } else {
            line(out, "Last heartbeat", Fmt.time(r.heartbeatAt()));
        }
        line(out, "Host, pid", Printable.line(r.host()) + ", " + r.pid());
        if (r.inputRef() != null) {
            line(out, "Input", Printable.line(r.inputRef())
                    + (r.inputFingerprint() == null ? "" : " (" + Printable.line(r.inputFingerprint()) + ")"));
        }
        if (r.parameters() != null) line(out, "Parameters", Printable.line(r.parameters()));
        line(out, "Records", "read " + Fmt.count(r.recordsRead()) + ", loaded " + Fmt.count(r.recordsLoaded())
                + ", quarantined " + Fmt.count(r.recordsQuarantined()) + ", filtered " + Fmt.count(r.recordsFiltered()));
        if (!byCategory.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            byCategory.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(Printable.line(k))
                    .append(' ').append(Fmt.count(v)));
            line(out, "Quarantined by", sb.toString());
        }
        line(out, "Retries", Fmt.count(r.retries()));
        line(out, "Batches", Fmt.count(r.batchesCommitted()) + " committed, resumed " + r.resumeCount()
                + (r.resumeCount() == 1 ? " time" : " times"));
        if (r.currentStep() != null) line(out, "Current step", Printable.line(r.currentStep()));
        if (r.stopReason() != null || r.stopCategory() != null) {
            line(out, "Stopped", (r.stopCategory() == null ? "" : Printable.line(r.stopCategory()) + ": ")
                    + Printable.line(r.stopReason()));
        }
        out.println();
        if (steps.isEmpty()) {
            out.println("No checkpoint yet: no batch of this run has committed.");
        } else {
            out.println("Checkpoints (the latest of each step; a resume continues after it):");
            out.print(Output.render(Output.Format.TABLE, STEP_COLUMNS, steps));
        }
        out.flush();
    }

    private static void line(PrintWriter out, String label, String value) {
        out.println("  " + String.format("%-15s", label + ":") + " " + value);
    }
}
