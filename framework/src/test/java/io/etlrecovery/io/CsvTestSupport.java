package io.etlrecovery.io;

import io.etlrecovery.pipeline.Source;
import io.etlrecovery.pipeline.SourceRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Helpers for the CSV tests: write files, read all records. */
final class CsvTestSupport {

    private CsvTestSupport() {
    }

    static Path write(Path dir, String name, String text) throws IOException {
        return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    static List<SourceRecord<CsvRow>> readAll(Source<CsvRow> source) throws Exception {
        try (Source.Cursor<CsvRow> cursor = source.open(null)) {
            return drain(cursor);
        }
    }

    static List<SourceRecord<CsvRow>> drain(Source.Cursor<CsvRow> cursor) throws Exception {
        List<SourceRecord<CsvRow>> out = new ArrayList<>();
        for (SourceRecord<CsvRow> r; (r = cursor.next()) != null; ) {
            out.add(r);
        }
        return out;
    }

    static List<SourceRecord<CsvRow>> readAll(Path file) throws Exception {
        return readAll(CsvSource.builder(file).build());
    }

    /** A comparable summary of a record: position, raw text, and values or error message. */
    static String describe(SourceRecord<CsvRow> r) {
        return r.position() + " raw=[" + r.raw() + "] "
                + (r.isParsed() ? "values=" + r.value().values() : "error=" + r.parseError().getMessage());
    }

    static List<String> describeAll(List<SourceRecord<CsvRow>> records) {
        List<String> out = new ArrayList<>(records.size());
        for (SourceRecord<CsvRow> r : records) {
            out.add(describe(r));
        }
        return out;
    }
}
