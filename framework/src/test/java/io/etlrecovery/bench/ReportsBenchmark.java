package io.etlrecovery.bench;

import io.etlrecovery.recovery.ErrorCategory;
import io.etlrecovery.recovery.ErrorFingerprint;
import io.etlrecovery.report.BudgetReport;
import io.etlrecovery.report.FailureQuery;
import io.etlrecovery.report.PatternQuery;
import io.etlrecovery.report.PatternReport;
import io.etlrecovery.report.Reports;
import io.etlrecovery.store.CheckpointRow;
import io.etlrecovery.store.ErrorRow;
import io.etlrecovery.store.PatternRow;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Benchmark (not a test) of the budget and patterns reports over a store holding 1,000,000 ERROR_DETAILS rows.
 *
 * <p>It writes 30 days of history the way the runner does, in one transaction per run: four pipelines running
 * every hour (2,880 runs), 20 batches of 1,000 records per run (one CHECKPOINTS row per batch, the run's counters),
 * the errors (ERROR_DETAILS, spread over 50 fingerprints with a skewed frequency, quarantined, recovered, fallen
 * back or stopping the run), and the ERROR_PATTERNS / ERROR_PATTERN_DAYS aggregates. Then it times each report
 * several times and prints the median: first the cold call (which computes and stores the hourly budget
 * snapshots once), then warm calls. For comparison it also times one aggregate scan of ERROR_DETAILS.
 *
 * <p>Run: {@code mvn -q -Detl.buildDir=target-x -pl framework -am test-compile} then
 * {@code java -cp framework/target-x/test-classes:framework/target-x/classes:database/target-x/classes:<deps>
 * io.etlrecovery.bench.ReportsBenchmark [errors] [store-dir]} (default 1,000,000 errors, a temporary directory).
 */
public final class ReportsBenchmark {

    private static final String[] PIPELINES = {"orders-import", "customers-sync", "payments", "inventory"};
    private static final int DAYS = 30;
    private static final int BATCHES_PER_RUN = 20;
    private static final int RECORDS_PER_BATCH = 1000;
    private static final int FINGERPRINTS = 50;
    private static final int REPEATS = 9;

    private ReportsBenchmark() {
    }

    record Shape(ErrorCategory category, String exceptionClass, String message, String step) {
    }

    public static void main(String[] args) throws Exception {
        long errors = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000L;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("etl-reports-bench");
        Instant start = Instant.parse("2026-10-21T00:00:00Z");
        Instant now = start.plus(Duration.ofDays(DAYS)).plus(Duration.ofMinutes(42));
        System.out.printf(Locale.ROOT, "store: %s%n", dir.resolve("store"));
        try (Store store = Store.open(StoreConfig.ofH2File(dir.resolve("store")))) {
            long t0 = System.nanoTime();
            long written = populate(store, start, errors);
            System.out.printf(Locale.ROOT, "history: %,d ERROR_DETAILS rows, %,d runs, %,d checkpoints written in %.1f s%n",
                    written, count(store, "PIPELINE_RUNS"), count(store, "CHECKPOINTS"), (System.nanoTime() - t0) / 1e9);
            System.out.printf(Locale.ROOT, "aggregates: %,d ERROR_PATTERNS, %,d ERROR_PATTERN_DAYS rows%n",
                    count(store, "ERROR_PATTERNS"), count(store, "ERROR_PATTERN_DAYS"));

            Reports reports = Reports.on(store).clock(Clock.fixed(now, ZoneOffset.UTC));
            String p = PIPELINES[0];
            time("budget(" + p + "), cold: computes its 720 hourly snapshots", 1, () -> reports.budget(p));
            time("budgets() of the other pipelines, cold", 1, reports::budgets);
            System.out.printf(Locale.ROOT, "snapshots stored: %,d%n", countWhere(store, "ERROR_BUDGET", "ROW_KIND = 'SNAPSHOT'"));
            BudgetReport b = time("budget(" + p + ")", REPEATS, () -> reports.budget(p));
            time("budgets() (4 pipelines)", REPEATS, reports::budgets);
            PatternReport top = time("patterns(top 10, 7 days, all pipelines)", REPEATS,
                    () -> reports.patterns(PatternQuery.defaults()));
            time("patterns(top 10, 30 days, one pipeline)", REPEATS,
                    () -> reports.patterns(PatternQuery.builder().pipeline(p).days(30).build()));
            time("failures(30 days, all pipelines)", 3, () -> reports.failures(FailureQuery.defaults()));
            time("for comparison: one GROUP BY scan of ERROR_DETAILS over 30 days", 3,
                    () -> scan(store, now.minus(Duration.ofDays(30))));

            System.out.printf(Locale.ROOT, "%nbudget of %s: records %,d total, %,d quarantined, %.1f%% consumed, status %s, "
                            + "%d alerts; runs %d of %d failed%n", p, b.records().total(), b.records().failed(),
                    b.records().consumedPercent(), b.status(), b.alerts().size(), b.runs().failed(), b.runs().total());
            System.out.printf(Locale.ROOT, "top pattern: %s %s x%,d (%s)%n", top.patterns().get(0).pipeline(),
                    top.patterns().get(0).exceptionClass(), top.patterns().get(0).occurrences(), top.patterns().get(0).trend());
        }
    }

    private static long populate(Store store, Instant start, long errors) {
        Random rnd = new Random(20261121);
        Shape[] shapes = new Shape[FINGERPRINTS];
        ErrorCategory[] cats = {ErrorCategory.DATA, ErrorCategory.DATA, ErrorCategory.TRANSIENT, ErrorCategory.DATA,
                ErrorCategory.UNKNOWN};
        for (int i = 0; i < FINGERPRINTS; i++) {
            ErrorCategory c = cats[i % cats.length];
            String ex = switch (c) {
                case TRANSIENT -> "java.net.SocketTimeoutException";
                case UNKNOWN -> "java.lang.IllegalStateException";
                default -> i % 2 == 0 ? "java.lang.NumberFormatException" : "java.time.format.DateTimeParseException";
            };
            shapes[i] = new Shape(c, ex, "failure kind " + (char) ('A' + i % 26) + (char) ('a' + i / 26)
                    + " on field 'f" + i + "' value ", i % 3 == 0 ? "extract" : "load");
        }
        // skewed frequencies: weight of shape i ~ 1 / (i + 1)
        double[] cumulative = new double[FINGERPRINTS];
        double sum = 0;
        for (int i = 0; i < FINGERPRINTS; i++) cumulative[i] = sum += 1.0 / (i + 1);
        int runsPerPipeline = DAYS * 24;
        long totalRuns = (long) runsPerPipeline * PIPELINES.length;
        long written = 0;
        long runIndex = 0;
        for (int hour = 0; hour < runsPerPipeline; hour++) {
            for (int pi = 0; pi < PIPELINES.length; pi++, runIndex++) {
                String pipeline = PIPELINES[pi];
                Instant runStart = start.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(5L * pi));
                long n = errors / totalRuns + (runIndex < errors % totalRuns ? 1 : 0);
                boolean fails = rnd.nextInt(50) == 0;
                written += run(store, pipeline, pi, runStart, n, fails, shapes, cumulative, sum, rnd);
            }
        }
        return written;
    }

    private static long run(Store store, String pipeline, int pi, Instant runStart, long n, boolean fails,
                            Shape[] shapes, double[] cumulative, double sum, Random rnd) {
        return store.inTransaction(s -> {
            long runId = s.runs().create(pipeline, runStart, "bench", 1, "in.csv", null, null);
            long[] quarantined = new long[BATCHES_PER_RUN];
            List<ErrorRow> rows = new ArrayList<>((int) n);
            Map<Integer, long[]> perShape = new HashMap<>();
            Map<Integer, String> example = new HashMap<>();
            for (long j = 0; j < n; j++) {
                int shapeIndex = (pi * 13 + pick(cumulative, sum, rnd)) % FINGERPRINTS;
                Shape sh = shapes[shapeIndex];
                int batch = (int) (j % BATCHES_PER_RUN);
                Instant at = runStart.plus(Duration.ofSeconds(120L * batch + rnd.nextInt(120)));
                String outcome;
                int attempts;
                if (sh.category() == ErrorCategory.TRANSIENT) {
                    int r = rnd.nextInt(20);
                    outcome = r < 16 ? "RECOVERED" : r < 18 ? "FALLBACK_USED" : "QUARANTINED";
                    attempts = outcome.equals("FALLBACK_USED") ? 3 : 2 + rnd.nextInt(2);
                } else {
                    outcome = "QUARANTINED";
                    attempts = sh.category() == ErrorCategory.UNKNOWN ? 3 : 1;
                }
                if (outcome.equals("QUARANTINED")) quarantined[batch]++;
                String message = sh.message() + rnd.nextInt(1_000_000);
                String fp = ErrorFingerprint.of(sh.category(), sh.exceptionClass(), sh.step(), sh.message());
                rows.add(new ErrorRow(null, runId, pipeline, sh.step(), (long) batch + 1, "record " + j, j,
                        sh.exceptionClass(), message, "at io.example.Step.process(Step.java:42)", sh.category().name(),
                        "VALIDATION", "MEDIUM", sh.category() != ErrorCategory.DATA, fp, "Fix the source data", attempts,
                        outcome, at));
                long[] agg = perShape.computeIfAbsent(shapeIndex, k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
                agg[0]++;
                agg[1] = Math.min(agg[1], at.toEpochMilli());
                agg[2] = Math.max(agg[2], at.toEpochMilli());
                example.put(shapeIndex, message);
            }
            for (int from = 0; from < rows.size(); from += 5000) {
                s.errors().insertErrors(rows.subList(from, Math.min(rows.size(), from + 5000)));
            }
            long processed = 0;
            long loadedTotal = 0;
            long quarantinedTotal = 0;
            for (int b = 0; b < BATCHES_PER_RUN; b++) {
                long q = Math.min(quarantined[b], RECORDS_PER_BATCH);
                processed += RECORDS_PER_BATCH;
                loadedTotal += RECORDS_PER_BATCH - q;
                quarantinedTotal += q;
                Instant at = runStart.plus(Duration.ofSeconds(120L * (b + 1)));
                s.checkpoints().insert(new CheckpointRow(0, runId, pipeline, "load", 0, b + 1, CheckpointRow.IN_PROGRESS,
                        RECORDS_PER_BATCH, RECORDS_PER_BATCH - q, q, 0, 0, processed, loadedTotal, quarantinedTotal,
                        processed, "record " + processed, null, at));
                s.runs().addCounts(runId, RECORDS_PER_BATCH, RECORDS_PER_BATCH - q, q, 0, 0, 1, "load", at);
            }
            LocalDate day = LocalDate.ofInstant(runStart, ZoneOffset.UTC);
            for (Map.Entry<Integer, long[]> e : perShape.entrySet()) {
                Shape sh = shapes[e.getKey()];
                long[] agg = e.getValue();
                String fp = ErrorFingerprint.of(sh.category(), sh.exceptionClass(), sh.step(), sh.message());
                s.patterns().record(new PatternRow(null, pipeline, fp, sh.step(), sh.category().name(), "VALIDATION",
                        sh.exceptionClass(), ErrorFingerprint.normalize(example.get(e.getKey())), example.get(e.getKey()),
                        agg[0], Instant.ofEpochMilli(agg[1]), Instant.ofEpochMilli(agg[2]), 1, runId,
                        "Fix the source data and reprocess"), day);
            }
            Instant end = runStart.plus(Duration.ofSeconds(120L * BATCHES_PER_RUN + 30));
            if (fails) {
                s.runs().finish(runId, "FAILED", end, "CONFIGURATION", "Unknown column 'C" + rnd.nextInt(9) + "' in table 'T'");
            } else {
                s.runs().finish(runId, "SUCCEEDED", end, null, null);
            }
            return (long) rows.size();
        });
    }

    private static int pick(double[] cumulative, double sum, Random rnd) {
        double x = rnd.nextDouble() * sum;
        int i = Arrays.binarySearch(cumulative, x);
        return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
    }

    private static <T> T time(String what, int repeats, Supplier<T> work) {
        long[] nanos = new long[repeats];
        T result = null;
        for (int i = 0; i < repeats; i++) {
            long t = System.nanoTime();
            result = work.get();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-75s median %8.1f ms  (min %.1f, max %.1f, %d runs)%n", what,
                nanos[repeats / 2] / 1e6, nanos[0] / 1e6, nanos[repeats - 1] / 1e6, repeats);
        return result;
    }

    private static long scan(Store store, Instant since) {
        try (Connection c = store.openConnection();
             PreparedStatement ps = c.prepareStatement("SELECT PIPELINE, COUNT(*), SUM(CASE WHEN OUTCOME = 'QUARANTINED' "
                     + "THEN 1 ELSE 0 END) FROM ERROR_DETAILS WHERE OCCURRED_AT >= ? GROUP BY PIPELINE")) {
            ps.setTimestamp(1, Timestamp.from(since));
            long total = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) total += rs.getLong(2);
            }
            return total;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Store store, String table) {
        return store.tableCounts().get(table);
    }

    private static long countWhere(Store store, String table, String where) {
        try (Connection c = store.openConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
