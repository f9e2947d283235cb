package io.etlrecovery.cli;

import io.etlrecovery.cli.internal.Output;
import io.etlrecovery.cli.internal.TerminalText;
import io.etlrecovery.quarantine.Quarantine;
import io.etlrecovery.quarantine.QuarantineException;
import io.etlrecovery.quarantine.QuarantinedRecord;
import io.etlrecovery.runner.internal.Json;
import io.etlrecovery.store.Store;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quarantine show [<id>...]}: every detail of quarantined records, those named by id or else those the
 * filters select. In {@code table} format one block per record; in {@code json} the parsed fields are a nested
 * object, in {@code csv} a JSON text. Raw text and fields are shown as stored (made terminal-safe, not redacted:
 * they are what a person corrects).
 */
@Command(name = "show",
        description = {"Shows quarantined records in full: raw text, parsed fields, position, every error detail.",
            "Give ids, or filter with --pipeline, --run, --status and --limit."})
final class QuarantineShowCommand implements Callable<Integer> {

    static final List<String> COLUMNS = List.of("id", "pipeline", "run", "step", "batch", "record", "line", "key",
            "source", "status", "attempts", "category", "errorType", "exceptionClass", "error", "raw", "fields",
            "reprocessedRun", "discardReason", "quarantinedAt", "updatedAt");

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption format;

    @Mixin
    QuarantineCommand.Filters filters;

    @Parameters(paramLabel = "<id>", arity = "0..*", description = "Quarantine ids (see 'quarantine list').")
    List<Long> ids = new ArrayList<>();

    @Override
    public Integer call() {
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        try (Store store = root.openStore()) {
            Quarantine q = Quarantine.on(store);
            List<QuarantinedRecord> records = new ArrayList<>();
            if (ids.isEmpty()) {
                records.addAll(q.list(filters.query(spec)));
            } else {
                for (long id : ids) {
                    Optional<QuarantinedRecord> r = q.find(id);
                    if (r.isEmpty()) {
                        throw new QuarantineException("There is no quarantined record with id " + id
                                + ". 'quarantine list' shows the ids.");
                    }
                    records.add(r.get());
                }
            }
            PrintWriter out = root.out();
            if (format.isTable()) {
                if (records.isEmpty()) out.println("No quarantined record matches.");
                for (QuarantinedRecord r : records) printBlock(out, r);
            } else {
                List<Map<String, Object>> rows = new ArrayList<>(records.size());
                for (QuarantinedRecord r : records) rows.add(detail(r, format.format == Output.Format.CSV));
                format.print(out, COLUMNS, rows);
            }
        }
        return ExitCode.OK.code();
    }

    private static Map<String, Object> detail(QuarantinedRecord r, boolean fieldsAsText) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", r.id());
        row.put("pipeline", r.pipeline());
        row.put("run", r.runId());
        row.put("step", r.step());
        row.put("batch", r.batchNumber());
        row.put("record", r.recordNumber());
        row.put("line", r.lineNumber());
        row.put("key", r.recordKey());
        row.put("source", r.source());
        row.put("status", r.status().name());
        row.put("attempts", r.attempts());
        row.put("category", r.category().name());
        row.put("errorType", r.errorType());
        row.put("exceptionClass", r.exceptionClass());
        row.put("error", r.errorMessage());
        row.put("raw", r.raw());
        row.put("fields", fieldsAsText ? Json.fields(r.fields()) : r.fields());
        row.put("reprocessedRun", r.reprocessedRunId());
        row.put("discardReason", r.discardReason());
        row.put("quarantinedAt", r.quarantinedAt());
        row.put("updatedAt", r.updatedAt());
        return row;
    }

    private static void printBlock(PrintWriter out, QuarantinedRecord r) {
        out.println("Quarantined record " + r.id() + " (" + r.status() + ", " + r.attempts()
                + (r.attempts() == 1 ? " attempt)" : " attempts)"));
        line(out, "pipeline", r.pipeline());
        line(out, "run", String.valueOf(r.runId()));
        line(out, "step", r.step());
        line(out, "position", position(r));
        line(out, "source", r.source());
        line(out, "error", r.category() + (r.errorType() == null ? "" : "/" + r.errorType()) + ": "
                + (r.errorMessage() == null ? "" : r.errorMessage()));
        line(out, "exception", r.exceptionClass());
        if (r.reprocessedRunId() != null) line(out, "reprocessed by run", String.valueOf(r.reprocessedRunId()));
        if (r.discardReason() != null) line(out, "discard reason", r.discardReason());
        line(out, "quarantined at", String.valueOf(r.quarantinedAt()));
        line(out, "updated at", String.valueOf(r.updatedAt()));
        line(out, "raw", r.raw() == null ? "(none kept)" : r.raw());
        if (r.fields().isEmpty()) {
            line(out, "fields", "(none: the record could not be parsed)");
        } else {
            out.println("  fields:");
            int width = 0;
            for (String name : r.fields().keySet()) width = Math.max(width, TerminalText.safe(name).length());
            for (Map.Entry<String, String> f : r.fields().entrySet()) {
                String name = TerminalText.safe(f.getKey());
                out.println("    " + name + " ".repeat(width - name.length()) + "  "
                        + TerminalText.safe(f.getValue() == null ? "" : f.getValue()));
            }
        }
        out.println();
    }

    private static String position(QuarantinedRecord r) {
        StringBuilder sb = new StringBuilder();
        if (r.recordNumber() != null) sb.append("record ").append(r.recordNumber());
        if (r.lineNumber() != null) sb.append(sb.length() > 0 ? ", " : "").append("line ").append(r.lineNumber());
        if (r.recordKey() != null) sb.append(sb.length() > 0 ? ", " : "").append("key ").append(r.recordKey());
        if (r.batchNumber() != null) sb.append(sb.length() > 0 ? ", " : "").append("batch ").append(r.batchNumber());
        return sb.toString();
    }

    private static void line(PrintWriter out, String label, String value) {
        out.println("  " + label + ":" + " ".repeat(Math.max(1, 20 - label.length())) + TerminalText.safe(value == null ? "" : value));
    }
}
