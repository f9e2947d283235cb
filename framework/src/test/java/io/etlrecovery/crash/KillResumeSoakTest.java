package io.etlrecovery.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.crash.CrashDriver.KillPoint;
import io.etlrecovery.runner.Runs;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import io.etlrecovery.workload.GenerationResult;
import io.etlrecovery.workload.OrdersGenerator;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak: many runs back to back over one 100,000-row orders file on one store, each run's child killed with
 * SIGKILL at a random moment (after a random committed batch, in the middle of a random batch's transaction, or
 * right after the run started) and resumed by a second child; after every run the invariant is checked: every
 * input record in the sink or in quarantine exactly once, and PIPELINE_RUNS, CHECKPOINTS and ERROR_DETAILS
 * agreeing with it. Each verified run is then rolled back, so the store stays the same size however long the soak.
 *
 * <p>By default 3 runs; {@code -Detl.soak.runs=50} (the {@code soak} Maven profile) for the full soak,
 * {@code -Detl.soak.rows} for the file size, {@code -Detl.soak.seed} to replay the printed seed.
 */
class KillResumeSoakTest {

    private static final String PIPELINE = "soak-orders";

    @TempDir
    Path dir;

    @Test
    void everyRunKilledAtARandomMomentAndResumedAccountsForEachInputRecordExactlyOnce() throws Exception {
        int runs = Integer.getInteger("etl.soak.runs", 3);
        int rows = Integer.getInteger("etl.soak.rows", 100_000);
        long seed = Long.getLong("etl.soak.seed", System.nanoTime());
        String replay = " (seed " + seed + ": replay with -Detl.soak.seed=" + seed + ")";
        System.out.println("soak: " + runs + " runs over " + rows + " rows" + replay);
        Random rnd = new Random(seed);
        long started = System.nanoTime();

        GenerationResult input = OrdersGenerator.builder().rows(rows).badRate(0.01).seed(seed).build()
                .generate(dir.resolve("orders.csv"));
        InputTruth truth = InputTruth.of(input.csvFile());
        assertEquals(input.bad(), truth.badCount(), "the workload's rules find the generator's bad rows");
        int batches = (int) truth.batches();
        String url = StoreConfig.ofH2File(dir.resolve("store")).url();
        CrashDriver driver = new CrashDriver(url, input.csvFile(), PIPELINE, dir.resolve("children.log"));

        long lost = 0;
        long duplicated = 0;
        int startsLost = 0;
        int[] byKind = new int[3];
        for (int i = 1; i <= runs; i++) {
            long runStarted = System.nanoTime();
            int kind = rnd.nextInt(10);
            int within = Math.max(1, batches * 9 / 10);
            KillPoint at = kind == 0 ? new KillPoint.AtStart()
                    : kind <= 5 ? new KillPoint.AfterBatches(1 + rnd.nextInt(within))
                    : new KillPoint.MidTransaction(1 + rnd.nextInt(within));
            byKind[kind == 0 ? 0 : kind <= 5 ? 1 : 2]++;

            // the same input again: --force, as a user reloading it would
            CrashDriver.Killed killed = driver.killAt(at, true);
            CrashDriver.Done done = driver.runToEnd(true);
            String where = "soak run " + i + "/" + runs + " (run " + killed.runId() + ", killed at " + at + " on '"
                    + killed.trigger() + "')" + replay;
            // a kill milliseconds after the start can take the start's commit with it (H2): then the next child
            // starts the run afresh; nothing was loaded by then, so no record is at stake
            boolean startLost = at instanceof KillPoint.AtStart && !done.resumed();
            if (startLost) startsLost++;
            else assertEquals(killed.runId(), done.runId(), "the second child resumed the killed run: " + where);
            assertEquals("SUCCEEDED", done.status(), where);

            try (Store store = Store.open(StoreConfig.of(url))) {
                StoreAudit.Result audit = StoreAudit.audit(store, PIPELINE, done.runId(), truth, done.resumed() ? 1 : 0, i);
                lost += audit.lost();
                duplicated += audit.duplicated();
                assertTrue(audit.ok(), where + ": " + audit.describe());
                long removed = Runs.on(store).rollback(CrashOrders.pipeline(PIPELINE, input.csvFile(), CrashOrders.sink()),
                        done.runId());
                assertEquals(truth.goodCount(), removed, "rolling back the verified run removes what it loaded: " + where);
            }
            System.out.println(where + ": ok, " + (System.nanoTime() - runStarted) / 1_000_000 + " ms");
        }
        System.out.println("soak: " + runs + " runs of " + rows + " rows, " + runs + " kills (" + byKind[0]
                + " at start, " + byKind[1] + " after a batch, " + byKind[2] + " mid-transaction), " + lost
                + " records lost, " + duplicated + " duplicated, " + startsLost + " run starts lost by the store, " + (System.nanoTime() - started) / 1_000_000 + " ms"
                + replay);
        assertEquals(0, lost, replay);
        assertEquals(0, duplicated, replay);
    }
}
