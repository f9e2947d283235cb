package io.etlrecovery.quarantine.internal;

import io.etlrecovery.io.AtomicFiles;
import io.etlrecovery.quarantine.ExportResult;
import io.etlrecovery.quarantine.QuarantineException;
import io.etlrecovery.runner.internal.Json;
import io.etlrecovery.store.QuarantineRow;
import io.etlrecovery.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the QUARANTINED records of a pipeline (or run) as CSV: {@code quarantine_id}, the fields under their
 * names (named fields in order of first appearance, then {@code _extra_1..n}), {@code _raw} when some record has no
 * fields, then {@code error_category} and {@code error_message}. Two passes over the store in pages of
 * {@value #PAGE} (the first finds the columns), so memory stays bounded whatever the number of records.
 */
public final class ExportWriter {
    static final int PAGE = 500;

    private ExportWriter() {
    }

    public static ExportResult write(Store store, String pipeline, Long runId, Path out) {
        Path target = out.toAbsolutePath();
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw new QuarantineException("Cannot write the export to " + out + ": its directory does not exist. "
                    + "Create it or choose another --out path.");
        }
        if (Files.isDirectory(target)) {
            throw new QuarantineException("Cannot write the export to " + out + ": it is a directory. Give a file name.");
        }
        // pass 1: the columns, and the last id, so that pass 2 writes the same records
        Set<String> named = new LinkedHashSet<>();
        int maxExtra = 0;
        boolean anyRaw = false;
        long lastId = 0;
        long maxId = 0;
        while (true) {
            long after = lastId;
            List<QuarantineRow> page = store.withSession(s -> s.quarantine().page(pipeline, runId,
                    QuarantineRow.QUARANTINED, after, PAGE));
            if (page.isEmpty()) break;
            for (QuarantineRow r : page) {
                Map<String, String> fields = fieldsOf(r);
                if (fields == null) anyRaw = true;
                else {
                    for (String name : fields.keySet()) {
                        int n = ExportColumns.extraNumber(name);
                        if (n > 0) maxExtra = Math.max(maxExtra, n);
                        else named.add(name);
                    }
                }
                maxId = r.quarantineId();
            }
            lastId = maxId;
            if (page.size() < PAGE) break;
        }
        for (String name : named) {
            if (ExportColumns.RESERVED.contains(name)) {
                throw new QuarantineException("Cannot export the quarantine of '" + pipeline + "': its records have a "
                        + "field named '" + name + "', which the export uses for its own column. Rename that column in "
                        + "the pipeline's source (e.g. with a given header) to export these records.");
            }
        }
        List<String> fieldColumns = new ArrayList<>(named);
        for (int i = 1; i <= maxExtra; i++) fieldColumns.add(ExportColumns.EXTRA + i);
        List<String> columns = new ArrayList<>();
        columns.add(ExportColumns.ID);
        columns.addAll(fieldColumns);
        if (anyRaw) columns.add(ExportColumns.RAW);
        columns.add(ExportColumns.CATEGORY);
        columns.add(ExportColumns.MESSAGE);
        boolean withRaw = anyRaw;
        long upTo = maxId;
        long[] written = new long[1];
        try {
            AtomicFiles.write(target, w -> {
                CSVFormat format = CSVFormat.RFC4180.builder()
                        .setHeader(columns.stream().map(FormulaEscaping::escape).toArray(String[]::new)).get();
                CSVPrinter printer = new CSVPrinter(w, format);
                List<Object> cells = new ArrayList<>(columns.size());
                long last = 0;
                boolean end = upTo == 0;
                while (!end) {
                    long after = last;
                    List<QuarantineRow> page = store.withSession(s -> s.quarantine().page(pipeline, runId,
                            QuarantineRow.QUARANTINED, after, PAGE));
                    end = page.size() < PAGE;
                    for (QuarantineRow r : page) {
                        if (r.quarantineId() > upTo) {
                            end = true; // quarantined after the first pass: not in this export's columns
                            break;
                        }
                        Map<String, String> fields = fieldsOf(r);
                        cells.clear();
                        cells.add(r.quarantineId());
                        for (String c : fieldColumns) cells.add(FormulaEscaping.escape(fields == null ? "" : nonNull(fields.get(c))));
                        if (withRaw) cells.add(fields == null ? FormulaEscaping.escape(nonNull(r.rawRecord())) : "");
                        cells.add(FormulaEscaping.escape(nonNull(r.category())));
                        cells.add(FormulaEscaping.escape(nonNull(r.errorMessage())));
                        printer.printRecord(cells);
                        written[0]++;
                        last = r.quarantineId();
                    }
                    if (last >= upTo) end = true;
                }
                printer.flush();
            });
        } catch (IOException e) {
            throw new QuarantineException("Cannot write the export to " + out + ": " + e.getMessage()
                    + ". Check the path and the free space; nothing was left half-written.", e);
        }
        return new ExportResult(target, written[0], columns);
    }

    /** The stored fields, or null when the record could not be parsed (or its stored fields are unreadable). */
    public static LinkedHashMap<String, String> fieldsOf(QuarantineRow r) {
        if (r.parsedRecord() == null) return null;
        try {
            return Json.readFields(r.parsedRecord());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
