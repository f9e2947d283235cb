package io.etlrecovery.crash;

import io.etlrecovery.store.Store;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Compares what one run left in the store with the {@link InputTruth}: the sink, quarantine, run row, checkpoints,
 * error rows, resume actions and lock. Collects every disagreement instead of stopping at the first, and counts
 * records lost and duplicated.
 */
final class StoreAudit {

    /**
     * The outcome of an audit.
     *
     * @param lost       input records neither in the sink nor in quarantine
     * @param duplicated extra copies: sink rows and quarantine rows beyond the first of each record
     * @param problems   every disagreement found, empty when the run is exactly right
     */
    record Result(long runId, long lost, long duplicated, long loadedRows, long quarantinedRows, List<String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }

        String describe() {
            return "run " + runId + ": " + loadedRows + " rows loaded, " + quarantinedRows + " quarantined, " + lost
                    + " lost, " + duplicated + " duplicated" + (problems.isEmpty() ? "" : "; problems:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    private StoreAudit() {
    }

    /**
     * Audits run {@code runId} of {@code pipeline}: it must have succeeded after exactly {@code kills} resumes, and
     * be one of {@code runsOfPipeline} runs of the pipeline in the store.
     */
    static Result audit(Store store, String pipeline, long runId, InputTruth truth, int kills, int runsOfPipeline) {
        return store.withSession(s -> {
            try {
                return audit(s.connection(), pipeline, runId, truth, kills, runsOfPipeline);
            } catch (SQLException e) {
                throw new IllegalStateException("audit query failed: " + e.getMessage(), e);
            }
        });
    }

    private static Result audit(Connection c, String pipeline, long runId, InputTruth truth, int kills,
                                int runsOfPipeline) throws SQLException {
        List<String> problems = new ArrayList<>();
        long good = truth.goodCount();
        long bad = truth.badCount();

        // the sink: exactly the good records, each once, with their values
        BitSet loaded = new BitSet();
        long loadedRows = 0;
        long dupLoaded = 0;
        long quantitySum = 0;
        BigDecimal amountSum = BigDecimal.ZERO;
        try (PreparedStatement ps = c.prepareStatement("SELECT ORDER_ID, QUANTITY, AMOUNT FROM " + CrashOrders.TABLE
                + " WHERE LOADED_RUN_ID = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    loadedRows++;
                    int id = (int) rs.getLong(1);
                    if (loaded.get(id)) {
                        dupLoaded++;
                    } else {
                        loaded.set(id);
                    }
                    if (!truth.good.get(id)) problems.add("order " + id + " is in the sink but is not a good record");
                    quantitySum += rs.getInt(2);
                    amountSum = amountSum.add(rs.getBigDecimal(3));
                }
            }
        }
        List<Long> duplicateKeys = longs(c, "SELECT ORDER_ID FROM " + CrashOrders.TABLE + " WHERE LOADED_RUN_ID = ? "
                + "GROUP BY ORDER_ID HAVING COUNT(*) > 1", runId);
        if (!duplicateKeys.isEmpty()) problems.add("orders loaded more than once: " + head(duplicateKeys));
        BitSet missing = (BitSet) truth.good.clone();
        missing.andNot(loaded);
        if (!missing.isEmpty()) problems.add(missing.cardinality() + " good records missing from the sink, e.g. " + head(missing));
        if (loadedRows != good) problems.add("sink rows " + loadedRows + " != good records " + good);
        if (missing.isEmpty() && dupLoaded == 0 && (quantitySum != truth.goodQuantitySum
                || amountSum.compareTo(truth.goodAmountSum) != 0)) {
            problems.add("loaded values differ from the input: sum(quantity) " + quantitySum + " vs " + truth.goodQuantitySum
                    + ", sum(amount) " + amountSum + " vs " + truth.goodAmountSum);
        }

        // quarantine: exactly the bad records, each once, with their raw text and position
        BitSet quarantined = new BitSet();
        long quarantinedRows = 0;
        long dupQuarantined = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT RECORD_NUMBER, LINE_NUMBER, RAW_RECORD, STATUS, ERROR_ID "
                + "FROM QUARANTINED_RECORDS WHERE RUN_ID = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    quarantinedRows++;
                    long n = rs.getLong(1);
                    if (quarantined.get((int) n)) {
                        dupQuarantined++;
                        problems.add("record " + n + " quarantined more than once");
                    }
                    quarantined.set((int) n);
                    String expectedRaw = truth.badRaw.get(n);
                    if (expectedRaw == null) {
                        problems.add("record " + n + " is quarantined but is not a bad record");
                    } else if (!expectedRaw.equals(rs.getString(3))) {
                        problems.add("record " + n + " quarantined with raw text '" + rs.getString(3) + "', input has '"
                                + expectedRaw + "'");
                    }
                    if (rs.getLong(2) != n + 1) problems.add("record " + n + " quarantined at line " + rs.getLong(2));
                    if (!"QUARANTINED".equals(rs.getString(4))) problems.add("record " + n + " has status " + rs.getString(4));
                    if (rs.getObject(5) == null) problems.add("record " + n + " has no error row");
                }
            }
        }
        long badMissing = 0;
        for (long n : truth.badRaw.keySet()) if (!quarantined.get((int) n)) badMissing++;
        if (badMissing > 0) problems.add(badMissing + " bad records missing from quarantine");
        if (quarantinedRows != bad) problems.add("quarantined rows " + quarantinedRows + " != bad records " + bad);
        long errors = count(c, "SELECT COUNT(*) FROM ERROR_DETAILS WHERE RUN_ID = ? AND OUTCOME = 'QUARANTINED'", runId);
        if (errors != bad) problems.add("ERROR_DETAILS has " + errors + " quarantine rows, expected " + bad);

        // the run row: succeeded, its counts those of one uninterrupted run, one resume per kill
        try (PreparedStatement ps = c.prepareStatement("SELECT STATUS, RECORDS_READ, RECORDS_LOADED, RECORDS_QUARANTINED, "
                + "RECORDS_FILTERED, BATCHES_COMMITTED, RESUME_COUNT, PIPELINE FROM PIPELINE_RUNS WHERE RUN_ID = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    problems.add("no PIPELINE_RUNS row for run " + runId);
                } else {
                    expect(problems, "status", "SUCCEEDED", rs.getString(1));
                    expect(problems, "RECORDS_READ", truth.rows, rs.getLong(2));
                    expect(problems, "RECORDS_LOADED", good, rs.getLong(3));
                    expect(problems, "RECORDS_QUARANTINED", bad, rs.getLong(4));
                    expect(problems, "RECORDS_FILTERED", 0L, rs.getLong(5));
                    expect(problems, "BATCHES_COMMITTED", truth.batches(), rs.getLong(6));
                    expect(problems, "RESUME_COUNT", (long) kills, rs.getLong(7));
                    expect(problems, "PIPELINE", pipeline, rs.getString(8));
                }
            }
        }
        long runs;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM PIPELINE_RUNS WHERE PIPELINE = ?")) {
            ps.setString(1, pipeline);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                runs = rs.getLong(1);
            }
        }
        expect(problems, "runs of the pipeline", (long) runsOfPipeline, runs);
        expect(problems, "RUN_RESUMED actions", (long) kills, count(c, "SELECT COUNT(*) FROM RECOVERY_ACTIONS "
                + "WHERE RUN_ID = ? AND ACTION = 'RUN_RESUMED'", runId));
        expect(problems, "locks left", 0L, count(c, "SELECT COUNT(*) FROM PIPELINE_LOCKS WHERE RUN_ID = ?", runId));

        // checkpoints: one per batch, 1..B, cumulative counts of an uninterrupted run, then the completion mark
        long batches = truth.batches();
        long expectedBatch = 1;
        long batchLoaded = 0;
        long batchQuarantined = 0;
        boolean completed = false;
        try (PreparedStatement ps = c.prepareStatement("SELECT BATCH_NUMBER, STEP_STATUS, BATCH_RECORDS, BATCH_LOADED, "
                + "BATCH_QUARANTINED, RECORDS_PROCESSED, RECORDS_LOADED, RECORDS_QUARANTINED, LAST_RECORD_NUMBER "
                + "FROM CHECKPOINTS WHERE RUN_ID = ? ORDER BY BATCH_NUMBER")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long b = rs.getLong(1);
                    if ("COMPLETED".equals(rs.getString(2))) {
                        completed = true;
                        expect(problems, "completed checkpoint's records", truth.rows, rs.getLong(6));
                        expect(problems, "completed checkpoint's loaded", good, rs.getLong(7));
                        expect(problems, "completed checkpoint's quarantined", bad, rs.getLong(8));
                        continue;
                    }
                    if (b != expectedBatch) {
                        problems.add("checkpoint of batch " + b + " where batch " + expectedBatch + " was expected");
                        expectedBatch = b;
                    }
                    long through = Math.min(b * CrashOrders.BATCH_SIZE, truth.rows);
                    if (rs.getLong(6) != through || rs.getLong(9) != through
                            || rs.getLong(3) != through - (b - 1) * CrashOrders.BATCH_SIZE) {
                        problems.add("checkpoint of batch " + b + " says " + rs.getLong(3) + " records, through record "
                                + rs.getLong(9) + ", processed " + rs.getLong(6) + "; expected through " + through);
                    }
                    batchLoaded += rs.getLong(4);
                    batchQuarantined += rs.getLong(5);
                    expectedBatch++;
                }
            }
        }
        expect(problems, "batch checkpoints", batches, expectedBatch - 1);
        expect(problems, "sum of checkpoints' loaded", good, batchLoaded);
        expect(problems, "sum of checkpoints' quarantined", bad, batchQuarantined);
        if (!completed) problems.add("no COMPLETED checkpoint");

        long lost = missing.cardinality() + badMissing;
        return new Result(runId, lost, dupLoaded + dupQuarantined, loadedRows, quarantinedRows, List.copyOf(problems));
    }

    private static void expect(List<String> problems, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) problems.add(what + ": expected " + expected + ", was " + actual);
    }

    private static long count(Connection c, String sql, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<Long> longs(Connection c, String sql, long runId) throws SQLException {
        List<Long> r = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) r.add(rs.getLong(1));
            }
        }
        return r;
    }

    private static String head(List<Long> ids) {
        return ids.size() <= 10 ? ids.toString() : ids.subList(0, 10) + " and " + (ids.size() - 10) + " more";
    }

    private static String head(BitSet ids) {
        List<Long> l = new ArrayList<>();
        for (int i = ids.nextSetBit(0); i >= 0 && l.size() < 10; i = ids.nextSetBit(i + 1)) l.add((long) i);
        return l + (ids.cardinality() > 10 ? " and " + (ids.cardinality() - 10) + " more" : "");
    }
}
