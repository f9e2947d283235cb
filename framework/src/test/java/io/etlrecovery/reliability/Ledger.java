package io.etlrecovery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlrecovery.io.CsvRow;
import io.etlrecovery.io.JdbcSink;
import io.etlrecovery.pipeline.BatchStep;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.Source;
import io.etlrecovery.pipeline.SourceRecord;
import io.etlrecovery.pipeline.ValidationException;
import io.etlrecovery.store.QuarantineRow;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The invariant every reliability test checks: each input record is either loaded (once) or quarantined (once)
 * with its raw text, position and reason, and PIPELINE_RUNS counts agree.
 *
 * <p>The expectation comes from reading the same source directly ({@link #expect}): a parsed record whose
 * column count matches the header is loaded as the JSON array of its values; any other record is quarantined.
 * The pipeline built by {@link #csvPipeline} does exactly that, writing into a table of the store with a run
 * column, so the comparison is between multisets: a lost or duplicated record shows up as a difference.
 */
final class Ledger {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The runner cuts raw text longer than this in QUARANTINED_RECORDS (RunExecution.quarantineRow). */
    static final int RAW_LIMIT = 1_000_000;

    private Ledger() {
    }

    /** What a run over a source must end with. */
    record Expected(List<String> loaded, List<String> quarantined, long total) {
    }

    /** The value the pipeline loads for a row: its values as a JSON array. */
    static String json(CsvRow row) {
        try {
            return JSON.writeValueAsString(row.values());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The processor of {@link #csvPipeline}: a row with the wrong column count is bad data. */
    static String check(CsvRow row) throws ValidationException {
        if (!row.isConsistent()) {
            throw new ValidationException("expected " + row.header().size() + " fields, found " + row.size());
        }
        return json(row);
    }

    /** A one-step pipeline: CSV → {@link #check} → table {@code table}(ROW_JSON CLOB, RUN_ID BIGINT). */
    static Pipeline csvPipeline(String name, Source<CsvRow> source, String table) {
        JdbcSink<String> sink = JdbcSink.<String>builder(table).column("ROW_JSON", s -> s).runColumn("RUN_ID").build();
        return Pipeline.named(name)
                .beforeRun(c -> c.createStatement().execute("CREATE TABLE IF NOT EXISTS " + table
                        + " (ROW_JSON CLOB, RUN_ID BIGINT)"))
                .step(BatchStep.reading("load", source).process("check", Ledger::check).writeTo(sink))
                .build();
    }

    /** Reads {@code source} directly: what a run over it must load and quarantine. */
    static Expected expect(Source<CsvRow> source) throws Exception {
        List<String> loaded = new ArrayList<>();
        List<String> quarantined = new ArrayList<>();
        long total = 0;
        try (Source.Cursor<CsvRow> cursor = source.open(null)) {
            for (SourceRecord<CsvRow> r; (r = cursor.next()) != null; ) {
                total++;
                if (r.isParsed() && r.value().isConsistent()) {
                    loaded.add(json(r.value()));
                } else {
                    quarantined.add(key(r.position().recordNumber(), r.position().lineNumber(), r.raw()));
                }
            }
        }
        Collections.sort(loaded);
        Collections.sort(quarantined);
        return new Expected(loaded, quarantined, total);
    }

    private static String key(long record, long line, String raw) {
        String shown = raw == null ? "<null>" : raw.length() > RAW_LIMIT ? raw.substring(0, RAW_LIMIT - 20) + "…" : raw;
        return record + "@" + line + ":" + shown;
    }

    /** The rows of {@code table} loaded by {@code runId}, sorted. */
    static List<String> loaded(Store store, String table, long runId) throws java.sql.SQLException {
        return store.withSession(s -> {
            List<String> rows = new ArrayList<>();
            try (PreparedStatement ps = s.connection().prepareStatement("SELECT ROW_JSON FROM " + table
                    + " WHERE RUN_ID = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rows.add(rs.getString(1));
                }
            }
            Collections.sort(rows);
            return rows;
        });
    }

    /** Every quarantine row of {@code pipeline}. */
    static List<QuarantineRow> quarantine(Store store, String pipeline) {
        List<QuarantineRow> all = new ArrayList<>();
        long after = 0;
        while (true) {
            long from = after;
            List<QuarantineRow> page = store.withSession(s -> s.quarantine().page(pipeline, null, null, from, 500));
            if (page.isEmpty()) return all;
            all.addAll(page);
            after = page.get(page.size() - 1).quarantineId();
        }
    }

    /**
     * Asserts the invariant for the one run of {@code pipeline}: loaded rows equal the expected multiset, every
     * expected failure is quarantined once with its raw text, position and a reason, and PIPELINE_RUNS agrees.
     * Returns the run's row.
     */
    static RunRow assertAccounted(Store store, String pipeline, String table, Expected expected)
            throws java.sql.SQLException {
        List<RunRow> runs = store.withSession(s -> s.runs().list(pipeline, null, java.time.Instant.EPOCH, 10));
        assertEquals(1, runs.size(), pipeline + ": one run (with its resumes), not " + runs.size());
        RunRow run = runs.get(0);
        List<String> loaded = loaded(store, table, run.runId());
        assertEquals(expected.loaded().size(), loaded.size(), pipeline + ": loaded rows");
        assertTrue(expected.loaded().equals(loaded), pipeline + ": the loaded rows are exactly the good records, "
                + "each once");
        List<QuarantineRow> q = quarantine(store, pipeline);
        List<String> keys = new ArrayList<>();
        for (QuarantineRow r : q) {
            assertNotNull(r.recordNumber(), pipeline + ": quarantined record has its number");
            assertNotNull(r.rawRecord(), pipeline + ": quarantined record has its raw text");
            assertNotNull(r.errorMessage(), pipeline + ": quarantined record has its reason");
            assertFalse(r.errorMessage().isBlank(), pipeline + ": quarantined record has its reason");
            assertEquals(QuarantineRow.QUARANTINED, r.status());
            String raw = r.rawRecord();
            if (raw.length() > RAW_LIMIT - 20 && raw.contains("…[truncated ")) {
                raw = raw.substring(0, RAW_LIMIT - 20) + "…";
            }
            keys.add(key(r.recordNumber(), r.lineNumber() == null ? 0 : r.lineNumber(), raw));
        }
        Collections.sort(keys);
        assertEquals(expected.quarantined(), keys, pipeline + ": quarantined records (number@line:raw)");
        assertEquals("SUCCEEDED", run.status(), pipeline + ": " + run.stopReason());
        assertEquals(expected.total(), run.recordsRead(), pipeline + ": PIPELINE_RUNS.RECORDS_READ");
        assertEquals(loaded.size(), run.recordsLoaded(), pipeline + ": PIPELINE_RUNS.RECORDS_LOADED");
        assertEquals(q.size(), run.recordsQuarantined(), pipeline + ": PIPELINE_RUNS.RECORDS_QUARANTINED");
        return run;
    }
}
