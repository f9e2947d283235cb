package io.etlrecovery.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.crash.CrashDriver.KillPoint;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import io.etlrecovery.workload.GenerationResult;
import io.etlrecovery.workload.OrdersGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test of the runner: a child JVM loads 200,000 orders (1.5% bad) into the store and is killed with
 * SIGKILL four times — after a random committed batch (twice), in the middle of a batch's transaction, and right
 * after it resumed — and resumed each time; the final child finishes the run. The moments come from a seeded
 * {@link Random}: the seed is printed, and {@code -Detl.crash.seed=<seed>} replays them ({@code -Detl.crash.rows}
 * changes the size).
 */
class KilledRunResumesExactlyOnceTest {

    @TempDir
    Path dir;

    @Test
    void aRunKilledWithSigkillAtRandomMomentsAndResumedEachTimeLoadsEveryGoodRecordOnceAndQuarantinesEveryBadOne()
            throws Exception {
        long seed = Long.getLong("etl.crash.seed", System.nanoTime());
        int rows = Integer.getInteger("etl.crash.rows", 200_000);
        String replay = " (seed " + seed + ": replay with -Detl.crash.seed=" + seed + ")";
        System.out.println("crash test: " + rows + " rows" + replay);
        Random rnd = new Random(seed);
        long started = System.nanoTime();

        // Given an orders file with good and bad rows, and what an independent read of it says
        GenerationResult input = OrdersGenerator.builder().rows(rows).badRate(0.015).seed(seed).build()
                .generate(dir.resolve("orders.csv"));
        InputTruth truth = InputTruth.of(input.csvFile());
        assertEquals(input.good(), truth.goodCount(), "the workload's rules find the generator's good rows");
        assertEquals(input.bad(), truth.badCount(), "the workload's rules find the generator's bad rows");
        String url = StoreConfig.ofH2File(dir.resolve("store")).url();
        CrashDriver driver = new CrashDriver(url, input.csvFile(), "crash-orders", dir.resolve("children.log"));

        // When the child is killed at four random moments, each well before the end of the input
        int spread = Math.max(1, (int) truth.batches() / 6);
        List<KillPoint> plan = new ArrayList<>(List.of(
                new KillPoint.AfterBatches(1 + rnd.nextInt(spread)),
                new KillPoint.AfterBatches(1 + rnd.nextInt(spread)),
                new KillPoint.MidTransaction(1 + rnd.nextInt(spread)),
                new KillPoint.AtStart()));
        Collections.shuffle(plan, rnd);
        List<CrashDriver.Killed> kills = new ArrayList<>();
        for (KillPoint at : plan) {
            CrashDriver.Killed k = driver.killAt(at, false);
            System.out.println("killed pid " + k.pid() + " at " + at + " on '" + k.trigger() + "'");
            kills.add(k);
        }
        // and a last child resumes the run and finishes it
        CrashDriver.Done done = driver.runToEnd(false);

        // Then every child worked on the one run, each went on from where the one before it was killed
        // (H2 can lose the commit that starts or resumes a run when the process is killed milliseconds later: the
        // next child then starts the run again, or resumes it once more. Nothing is loaded by then, so no record is
        // at stake; the resumes the store counts must match the children that resumed, and such losses are printed.)
        long runId = kills.get(0).runId();
        int resumes = 0;
        int startsLost = 0;
        for (int i = 0; i < kills.size(); i++) {
            CrashDriver.Killed k = kills.get(i);
            boolean startLostBefore = i > 0 && kills.get(i - 1).at() instanceof KillPoint.AtStart && !k.resumed();
            if (startLostBefore) {
                startsLost++;
                runId = k.runId();
            }
            assertEquals(runId, k.runId(), "every child worked on the same run" + replay);
            assertEquals(i > 0 && !startLostBefore, k.resumed(),
                    "child " + (i + 1) + " resumed the run (or, the first, started it)" + replay);
            if (k.resumed()) resumes++;
            long nextFirst = i + 1 < kills.size() ? kills.get(i + 1).firstBatch() : done.firstBatch();
            CrashDriver.assertResumedAtTheRightBatch(k, nextFirst, "child " + (i + 2) + replay);
        }
        // and the run succeeded with the input's counts
        if (kills.get(kills.size() - 1).at() instanceof KillPoint.AtStart && !done.resumed()) {
            startsLost++;
            runId = done.runId();
        }
        if (done.resumed()) resumes++;
        assertEquals(runId, done.runId(), "the last child finished the same run" + replay);
        assertEquals("SUCCEEDED", done.status(), replay);
        assertEquals(truth.rows, done.read(), "records read over the run and its resumes" + replay);
        assertEquals(truth.goodCount(), done.loaded(), "records loaded over the run and its resumes" + replay);
        assertEquals(truth.badCount(), done.quarantined(), "records quarantined over the run and its resumes" + replay);

        // and the store holds the good records once, the bad ones once in quarantine, and one run with its resumes
        StoreAudit.Result audit;
        try (Store store = Store.open(StoreConfig.of(url))) {
            audit = StoreAudit.audit(store, "crash-orders", runId, truth, resumes, 1);
        }
        System.out.println("crash test: " + audit.describe() + "; " + kills.size() + " kills, " + startsLost
                + " run starts lost by the store; "
                + (System.nanoTime() - started) / 1_000_000 + " ms" + replay);
        assertTrue(audit.ok(), audit.describe() + replay);
        assertEquals(0, audit.lost(), replay);
        assertEquals(0, audit.duplicated(), replay);
    }

    @Test
    void aRunKilledTheMomentItStartedAndAgainTheMomentItResumedKeepsTheRecordOfBoth() throws Exception {
        // Given a small input
        GenerationResult input = OrdersGenerator.builder().rows(5_000).badRate(0.02).seed(5).build()
                .generate(dir.resolve("orders.csv"));
        InputTruth truth = InputTruth.of(input.csvFile());
        String url = StoreConfig.ofH2File(dir.resolve("store")).url();
        CrashDriver driver = new CrashDriver(url, input.csvFile(), "killed-at-start", dir.resolve("children.log"));

        // When a child is killed right after it created the run, the next right after it resumed it
        CrashDriver.Killed first = driver.killAt(new KillPoint.AtStart(), false);
        CrashDriver.Killed second = driver.killAt(new KillPoint.AtStart(), false);
        CrashDriver.Done done = driver.runToEnd(false);

        // Then the run created by the first was resumed by the second (its creation survived the kill), the resume
        // by the second was recorded (it survived too), and the third finished that same run
        assertFalse(first.resumed());
        assertTrue(second.resumed(), "the run created just before the first kill is still there to resume");
        assertEquals(first.runId(), second.runId());
        assertEquals(first.runId(), done.runId());
        assertEquals(1, done.firstBatch(), "no batch had been committed");
        try (Store store = Store.open(StoreConfig.of(url))) {
            StoreAudit.Result audit = StoreAudit.audit(store, "killed-at-start", done.runId(), truth, 2, 1);
            assertTrue(audit.ok(), audit.describe());
        }
    }
}
