package io.etlrecovery.samples.sales;

import static io.etlrecovery.samples.SampleTesting.count;
import static io.etlrecovery.samples.SampleTesting.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.PipelineProvider;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.runner.RunStatus;
import io.etlrecovery.samples.SampleTesting;
import io.etlrecovery.samples.orders.OrdersImportProvider;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import io.etlrecovery.workload.GenerationResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DailySalesTest {

    private static final String GROUP_BY = "SELECT ORDER_DATE, CURRENCY, COUNT(*), SUM(AMOUNT), SUM(AMOUNT_EUR) "
            + "FROM ORDERS_CLEAN GROUP BY ORDER_DATE, CURRENCY ORDER BY ORDER_DATE, CURRENCY";
    private static final String AGGREGATES = "SELECT SALES_DAY, CURRENCY, ORDERS, AMOUNT, AMOUNT_EUR FROM DAILY_SALES "
            + "ORDER BY SALES_DAY, CURRENCY";

    @TempDir
    Path dir;
    Store store;

    @AfterEach
    void closeStore() {
        if (store != null) store.close();
    }

    /**
     * The store, with H2 writing each commit to the file at once: by default H2 writes commits in the background
     * (WRITE_DELAY, 500 ms), so a SIGKILL right after a commit can take it back, and this test wants a kill after
     * three committed batches to leave three committed batches behind.
     */
    private String url() {
        return "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath() + ";WRITE_DELAY=0";
    }

    private void loadOrders(long rows) throws Exception {
        GenerationResult input = SampleTesting.orders(dir, rows, 0.01, 17);
        RunResult r = PipelineRunner.on(store).run(new OrdersImportProvider().create(
                new PipelineProvider.Context(Optional.of(input.csvFile()), Map.of())));
        assertEquals(RunStatus.SUCCEEDED, r.status(), r.stopReason());
    }

    private Pipeline dailySales(Path report) {
        return new DailySalesProvider().create(new PipelineProvider.Context(Optional.empty(),
                Map.of("out", report.toString())).withStore(store::openConnection));
    }

    /** The rows of {@code sql} as text, one line each: the same format for both queries. */
    private List<String> rows(String sql) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Object[] r : query(store, sql)) {
            lines.add(SampleTesting.localDate(r[0]) + "," + ((String) r[1]).strip() + "," + ((Number) r[2]).longValue()
                    + "," + ((BigDecimal) r[3]).toPlainString() + "," + ((BigDecimal) r[4]).toPlainString());
        }
        return lines;
    }

    private void assertTotalsAndReport(Path report) throws Exception {
        List<String> expected = rows(GROUP_BY);
        assertTrue(expected.size() > 1000, "groups: " + expected.size());
        assertEquals(expected, rows(AGGREGATES));
        List<String> lines = new ArrayList<>();
        lines.add(DailySales.REPORT_HEADER);
        lines.addAll(expected);
        assertEquals(String.join("\r\n", lines) + "\r\n", Files.readString(report, StandardCharsets.UTF_8));
    }

    @Test
    void theAggregatesEqualAGroupByOverOrdersCleanAndTheReportHoldsThem() throws Exception {
        store = Store.open(StoreConfig.of(url()));
        loadOrders(5_000);
        Path report = dir.resolve("reports/daily.csv");

        RunResult r = PipelineRunner.on(store).run(dailySales(report));

        assertEquals(RunStatus.SUCCEEDED, r.status(), r.stopReason());
        assertEquals(count(store, "SELECT COUNT(*) FROM ORDERS_CLEAN"), r.recordsRead());
        assertTotalsAndReport(report);
    }

    @Test
    void runningItAgainRebuildsTheAggregatesInsteadOfAddingToThem() throws Exception {
        store = Store.open(StoreConfig.of(url()));
        loadOrders(2_000);
        Path report = dir.resolve("daily.csv");
        assertEquals(RunStatus.SUCCEEDED, PipelineRunner.on(store).run(dailySales(report)).status());
        assertEquals(RunStatus.SUCCEEDED, PipelineRunner.on(store).run(dailySales(report)).status());
        assertTotalsAndReport(report);
    }

    @Test
    void itResumesAcrossItsStepsAfterTheProcessIsKilled() throws Exception {
        // Given 10,000 orders loaded, and daily-sales running in a child JVM with batches of 100 orders
        store = Store.open(StoreConfig.of(url()));
        loadOrders(10_000);
        long orders = count(store, "SELECT COUNT(*) FROM ORDERS_CLEAN");
        store.close();
        store = null;
        Path report = dir.resolve("daily.csv");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), DailySalesChild.class.getName(),
                url(), report.toString(), "100");
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try {
            // When it is killed with SIGKILL after its third committed batch of the aggregate step
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            int committed = 0;
            for (String line; committed < 3 && (line = out.readLine()) != null; ) {
                output.add(line);
                if (line.startsWith("committed " + DailySales.AGGREGATE_STEP + " ")) committed++;
            }
            assertEquals(3, committed, "the child printed: " + output);
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the killed child is gone");
        } finally {
            child.destroyForcibly();
        }
        assertNotEquals(0, child.exitValue(), "the child was killed, it did not finish: " + output);

        // Then the run is unfinished, part of the way through its aggregate step, with no report yet
        store = Store.open(StoreConfig.of(url()));
        List<Object[]> runs = query(store, "SELECT STATUS FROM PIPELINE_RUNS WHERE PIPELINE = ?", DailySales.NAME);
        assertEquals(1, runs.size(), "runs of daily-sales; the child printed: " + output);
        assertEquals("RUNNING", runs.get(0)[0]);
        long done = count(store, "SELECT COALESCE(MAX(RECORDS_PROCESSED), 0) FROM CHECKPOINTS WHERE PIPELINE = ? "
                + "AND STEP_NAME = ?", DailySales.NAME, DailySales.AGGREGATE_STEP);
        assertTrue(done >= 300 && done < orders, "aggregated before the kill: " + done);
        assertFalse(Files.exists(report));

        // When it is run again in this JVM
        RunResult r = PipelineRunner.on(store).run(dailySales(report));

        // Then it resumes the same run after the last committed batch and finishes with exact totals,
        // the reset step not repeated and the export step run once
        assertEquals(RunStatus.SUCCEEDED, r.status(), r.stopReason());
        assertTrue(r.resumed());
        assertEquals(done, r.resumedFromRecord());
        assertEquals(orders, r.recordsRead(), "each order read once over the run and its resume");
        assertEquals(1, count(store, "SELECT COUNT(*) FROM PIPELINE_RUNS WHERE PIPELINE = ?", DailySales.NAME));
        assertTotalsAndReport(report);
        for (String step : List.of(DailySales.RESET_STEP, DailySales.AGGREGATE_STEP, DailySales.EXPORT_STEP)) {
            assertEquals(1, count(store, "SELECT COUNT(*) FROM CHECKPOINTS WHERE RUN_ID = ? AND STEP_NAME = ? "
                    + "AND STEP_STATUS = 'COMPLETED'", r.runId(), step), "completion marks of step " + step);
        }
    }

    @Test
    void theProviderRefusesAnInputUnknownParametersAndAMissingStore() {
        DailySalesProvider provider = new DailySalesProvider();
        String input = assertThrows(IllegalArgumentException.class, () -> provider.create(new PipelineProvider.Context(
                Optional.of(dir.resolve("x.csv")), Map.of()).withStore(() -> null))).getMessage();
        assertTrue(input.contains("no --input"), input);
        String unknown = assertThrows(IllegalArgumentException.class, () -> provider.create(new PipelineProvider.Context(
                Optional.empty(), Map.of("output", "x.csv")).withStore(() -> null))).getMessage();
        assertTrue(unknown.contains("'output'") && unknown.contains("out"), unknown);
        String noStore = assertThrows(IllegalStateException.class, () -> provider.create(new PipelineProvider.Context(
                Optional.empty(), Map.of()))).getMessage();
        assertTrue(noStore.contains("withStore"), noStore);
    }
}
