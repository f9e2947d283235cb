package io.etlrecovery.samples.demo;

import static io.etlrecovery.samples.SampleTesting.count;
import static io.etlrecovery.samples.SampleTesting.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.cli.Main;
import io.etlrecovery.samples.orders.OrdersImport;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import io.etlrecovery.workload.ExpectedCounts;
import io.etlrecovery.workload.OrdersGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo} end to end in this JVM, with {@code orders-import} on the class path: generate, a run through an FX
 * outage, the reports, the next steps; and again in the same store.
 */
class DemoTest {

    /** Small enough for a test; the outage then covers orders 4,000 to 4,800. */
    static final String ROWS = "10000";

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    private String db() {
        return StoreConfig.ofH2File(dir.resolve("store")).url();
    }

    private Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result demo() {
        return cli("--db", db(), "demo", "--rows", ROWS, "--dir", dir.toString());
    }

    private ExpectedCounts expected() throws Exception {
        return ExpectedCounts.read(OrdersGenerator.expectedFileOf(dir.resolve("demo-orders.csv")));
    }

    private static long latestRun(Store store) throws Exception {
        return count(store, "SELECT MAX(RUN_ID) FROM PIPELINE_RUNS WHERE PIPELINE = ?", OrdersImport.NAME);
    }

    @Test
    void theDemoRunsThroughAnFxOutageQuarantiningExactlyTheBadRowsAndShowsTheReportsAndNextSteps() throws Exception {
        Result r = demo();

        assertEquals(0, r.exitCode(), r.toString());
        ExpectedCounts expected = expected();
        assertEquals(10_000, expected.rows());
        assertEquals(200, expected.bad());
        String out = r.out();
        // the four steps, in order
        int[] at = {out.indexOf("Step 1 of 4"), out.indexOf("Step 2 of 4"), out.indexOf("Step 3 of 4"),
                out.indexOf("Step 4 of 4")};
        for (int i = 0; i < at.length; i++) assertTrue(at[i] >= 0 && (i == 0 || at[i] > at[i - 1]), out);
        // step 1 names the defect kinds
        assertTrue(out.contains("missing_customer_id") && out.contains("an unknown currency"), out);
        // step 2: the run, its summary, the breaker opening and the fallback
        assertTrue(out.contains("down for orders 4,000 to 4,800"), out);
        assertTrue(out.contains("Run 1 of 'orders-import' SUCCEEDED"), out);
        assertTrue(out.contains("fx-rates  CLOSED -> OPEN"), out);
        // progress lines come every 5 s of the run, so a fast machine may print none (RunCommandTest covers them)
        assertFalse(r.err().contains("Exception"), r.err());
        try (Store store = Store.open(StoreConfig.of(db()))) {
            long run = latestRun(store);
            long fallbacks = count(store, "SELECT COUNT(*) FROM RECOVERY_ACTIONS WHERE RUN_ID = ? AND ACTION = "
                    + "'FALLBACK_USED'", run);
            assertTrue(fallbacks > 0, "fallbacks: " + fallbacks);
            assertTrue(out.contains("Fallback:        " + String.format("%,d", fallbacks) + " records"), out);
            assertTrue(count(store, "SELECT COUNT(*) FROM RECOVERY_ACTIONS WHERE RUN_ID = ? AND ACTION = "
                    + "'BREAKER_OPENED'", run) > 0);
            // quarantined: exactly the generator's bad rows, all for their data; nothing for the FX outage
            assertEquals(expected.bad(), count(store, "SELECT COUNT(*) FROM QUARANTINED_RECORDS WHERE RUN_ID = ?", run));
            assertEquals(0, count(store, "SELECT COUNT(*) FROM QUARANTINED_RECORDS WHERE CATEGORY <> 'DATA'"));
            assertEquals(expected.good(), count(store, "SELECT COUNT(*) FROM ORDERS_CLEAN"));
        }
        assertTrue(out.contains("200 records, exactly the 200 bad rows of the input: nothing was quarantined "
                + "because of the FX service"), out);
        // step 3: the quarantine (10 rows), the budget and the patterns, through their commands
        String prefix = "etl-recovery --db " + db();
        assertTrue(out.contains("$ " + prefix + " quarantine list --pipeline orders-import --run 1 --limit 10"), out);
        assertTrue(out.contains("(10 of 200 records shown; use --limit for more)"), out);
        assertTrue(out.contains("$ " + prefix + " budget --pipeline orders-import"), out);
        assertTrue(out.contains("Error budgets at"), out);
        assertTrue(out.contains("$ " + prefix + " patterns --pipeline orders-import"), out);
        assertTrue(out.contains("failure patterns of orders-import"), out);
        // step 4: what to try next, with this store's --db
        for (String next : List.of(" quarantine export --pipeline orders-import --run 1 --out quarantine.csv",
                " quarantine reprocess --pipeline orders-import --from quarantine.csv",
                " run orders-import --input " + dir.resolve("demo-orders.csv"),
                " runs rollback 1",
                " run orders-import --input big-orders.csv",
                " report --out report.html")) {
            assertTrue(out.contains("  " + prefix + next), "missing next step '" + next + "' in:\n" + out);
        }
        assertTrue(out.contains("  etl-recovery generate --rows 2000000 --out big-orders.csv"), out);
    }

    @Test
    void aSecondDemoInTheSameStoreRollsBackTheFirstAndSucceedsToo() throws Exception {
        Result first = demo();
        assertEquals(0, first.exitCode(), first.toString());

        Result second = demo();

        assertEquals(0, second.exitCode(), second.toString());
        assertTrue(second.out().contains("earlier runs of orders-import (run 1)"), second.out());
        assertTrue(second.out().contains("Run 2 of 'orders-import' SUCCEEDED"), second.out());
        ExpectedCounts expected = expected();
        try (Store store = Store.open(StoreConfig.of(db()))) {
            assertEquals("ROLLED_BACK", query(store, "SELECT STATUS FROM PIPELINE_RUNS WHERE RUN_ID = 1").get(0)[0]);
            assertEquals(expected.good(), count(store, "SELECT COUNT(*) FROM ORDERS_CLEAN WHERE LOADED_RUN_ID = 2"));
            assertEquals(expected.good(), count(store, "SELECT COUNT(*) FROM ORDERS_CLEAN"));
            assertEquals(expected.bad(), count(store, "SELECT COUNT(*) FROM QUARANTINED_RECORDS WHERE RUN_ID = 2"));
        }
    }

    @Test
    void aDemoAfterAnUnfinishedRunOfOrdersImportRestartsItAndSucceeds() throws Exception {
        // Given an orders-import run over the demo's input that stopped (resumably) when the FX service went down
        OrdersGenerator.builder().rows(10_000).badRate(0.02).seed(42).build().generate(dir.resolve("demo-orders.csv"));
        Result stopped = cli("--db", db(), "run", "orders-import", "--input", dir.resolve("demo-orders.csv").toString(),
                "--param", "fx.outage=orders 3000-3100", "--param", "fx.on-open=stop", "--param", "fx.retry-delay-ms=0",
                "--progress", "off");
        assertEquals(3, stopped.exitCode(), stopped.toString());
        // and another pipeline's breaker open in the same store
        java.time.Instant nextTrial = java.time.Instant.now().plusSeconds(600);
        try (Store store = Store.open(StoreConfig.of(db()))) {
            store.useTransaction(s -> s.breakers().save(new io.etlrecovery.store.BreakerRow("payments-api", "OPEN", 5, 5,
                    0, 0, java.time.Instant.now(), nextTrial, java.time.Instant.now())));
        }

        // When the demo runs
        Result r = demo();

        // Then it rolled back and abandoned that run, and loaded the input afresh
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Run 1 of orders-import is unfinished (STOPPED)"), r.out());
        assertTrue(r.out().contains("Circuit breaker '" + OrdersImport.BREAKER + "' was left open by an earlier run"), r.out());
        try (Store store = Store.open(StoreConfig.of(db()))) {
            assertEquals("ABANDONED", query(store, "SELECT STATUS FROM PIPELINE_RUNS WHERE RUN_ID = 1").get(0)[0]);
            assertEquals(expected().good(), count(store, "SELECT COUNT(*) FROM ORDERS_CLEAN WHERE LOADED_RUN_ID = 2"));
            var other = store.withSession(s -> s.breakers().find("payments-api")).orElseThrow();
            assertEquals("OPEN", other.state(), "the demo leaves other pipelines' breakers alone");
            assertEquals(nextTrial.toEpochMilli(), other.nextTrialAt().toEpochMilli());
        }
    }
}
