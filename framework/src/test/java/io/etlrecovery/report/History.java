package io.etlrecovery.report;

import io.etlrecovery.recovery.ErrorCategory;
import io.etlrecovery.recovery.ErrorFingerprint;
import io.etlrecovery.store.ActionRow;
import io.etlrecovery.store.CheckpointRow;
import io.etlrecovery.store.ErrorRow;
import io.etlrecovery.store.PatternRow;
import io.etlrecovery.store.Store;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a history the way the runner does: a run row, one checkpoint per committed batch (with the run's counters
 * added in the same transaction), error rows with their pattern and pattern-day aggregates, recovery actions, and
 * the run's end.
 */
public final class History {

    private final Store store;
    private final Map<Long, Long> batchNumbers = new HashMap<>();
    private final Map<Long, long[]> cumulative = new HashMap<>();

    public History(Store store) {
        this.store = store;
    }

    public long start(String pipeline, Instant at) {
        return store.inTransaction(s -> s.runs().create(pipeline, at, "test-host", 1, "in.csv", null, null));
    }

    /** One committed batch of the run's "load" step. */
    public void batch(long runId, String pipeline, Instant at, long records, long quarantined) {
        long batch = batchNumbers.merge(runId, 1L, Long::sum);
        long[] c = cumulative.computeIfAbsent(runId, k -> new long[3]);
        c[0] += records;
        c[1] += records - quarantined;
        c[2] += quarantined;
        long processed = c[0], loaded = c[1], quarantinedSoFar = c[2];
        store.useTransaction(s -> {
            s.checkpoints().insert(new CheckpointRow(0, runId, pipeline, "load", 0, batch, CheckpointRow.IN_PROGRESS,
                    records, records - quarantined, quarantined, 0, 0, processed, loaded, quarantinedSoFar,
                    processed, "record " + processed, null, at));
            s.runs().addCounts(runId, records, records - quarantined, quarantined, 0, 0, 1, "load", at);
        });
    }

    public void finish(long runId, String status, Instant at) {
        finish(runId, status, at, null, null);
    }

    public void finish(long runId, String status, Instant at, String category, String reason) {
        store.useTransaction(s -> s.runs().finish(runId, status, at, category, reason));
    }

    public void resume(long runId, Instant at) {
        store.useTransaction(s -> s.runs().resume(runId, at, "test-host", 2));
        action(runId, pipelineOf(runId), "RUN_RESUMED", at);
    }

    /** A run that starts, commits one batch, and ends with {@code status} shortly after. */
    public long run(String pipeline, Instant start, Instant end, String status, long records, long quarantined) {
        long id = start(pipeline, start);
        batch(id, pipeline, end.minusMillis(1), records, quarantined);
        finish(id, status, end);
        return id;
    }

    /** {@code n} occurrences of one failure, recorded as the runner records them (one ERROR_DETAILS row each). */
    public String errors(long runId, String pipeline, ErrorCategory category, String exceptionClass, String message,
                         int n, int attempts, String outcome, Instant at) {
        String fingerprint = ErrorFingerprint.of(category, exceptionClass, "load", message);
        List<ErrorRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new ErrorRow(null, runId, pipeline, "load", 1L, "record " + i, (long) i, exceptionClass, message,
                    "at x.y(Z.java:1)", category.name(), "VALIDATION", "MEDIUM", category != ErrorCategory.DATA,
                    fingerprint, "Fix the data", attempts, outcome, at));
        }
        PatternRow delta = new PatternRow(null, pipeline, fingerprint, "load", category.name(), "VALIDATION",
                exceptionClass, ErrorFingerprint.normalize(message), message, n, at, at, 1, runId,
                "Fix the data and reprocess");
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        store.useTransaction(s -> {
            s.errors().insertErrors(rows);
            s.patterns().record(delta, day);
        });
        return fingerprint;
    }

    public void action(long runId, String pipeline, String action, Instant at) {
        store.useTransaction(s -> s.actions().insertAll(List.of(new ActionRow(null, runId, null, pipeline, "load",
                action, null, "detail", "DONE", at))));
    }

    /** The single number {@code sql} selects. */
    public static long count(Store store, String sql) {
        try (java.sql.Connection c = store.openConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String pipelineOf(long runId) {
        return store.withSession(s -> s.runs().find(runId)).orElseThrow().pipeline();
    }
}
