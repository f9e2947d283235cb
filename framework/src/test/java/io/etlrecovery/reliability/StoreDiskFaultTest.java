package io.etlrecovery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.cli.internal.StoreVerifier;
import io.etlrecovery.io.CsvSource;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.runner.RunStatus;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import io.etlrecovery.store.StoreException;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's file system fails: it fills up during a run (a small tmpfs), or it is read-only. Needs root to
 * mount (CI runs as root); skipped otherwise, or when mounting is not allowed (an unprivileged container).
 */
class StoreDiskFaultTest {

    @TempDir
    static Path dir;
    static final List<Path> mounts = new ArrayList<>();

    static int sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    static Path mountTmpfs(String name, String size) throws Exception {
        Path m = Files.createDirectories(dir.resolve(name));
        boolean ok = sh("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", m.toString()) == 0;
        Assumptions.assumeTrue(ok, "cannot mount a tmpfs at " + m + " (not root, or not allowed here)");
        mounts.add(m);
        return m;
    }

    @BeforeAll
    static void needRoot() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes()).trim();
        id.waitFor();
        Assumptions.assumeTrue("0".equals(uid), "needs root to mount a small file system (uid " + uid + ")");
    }

    @AfterAll
    static void unmount() throws Exception {
        for (Path m : mounts) sh("umount", "-l", m.toString());
    }

    @Test
    void aRunThatFillsTheDiskStopsClearlyLeavesTheStoreIntactAndResumesOnceSpaceIsFreed() throws Exception {
        Path disk = mountTmpfs("small-disk", "4m");
        // 1,500 rows of 4 KB random text: about 6 MB, more than the disk holds
        Path input = dir.resolve("big.csv");
        Random random = new Random(7);
        try (BufferedWriter w = Files.newBufferedWriter(input)) {
            w.write("id,payload\n");
            char[] payload = new char[4096];
            for (int i = 1; i <= 1_500; i++) {
                for (int k = 0; k < payload.length; k++) payload[k] = (char) ('a' + random.nextInt(26));
                w.write(i + "," + (i % 250 == 0 ? "bad,row" : new String(payload)) + "\n");
            }
        }
        CsvSource source = CsvSource.builder(input).build();
        Ledger.Expected expected = Ledger.expect(source);
        Pipeline pipeline = Ledger.csvPipeline("disk-full", source, "DISK_ROWS");
        StoreConfig config = StoreConfig.ofH2File(disk.resolve("store"));

        RunResult stopped;
        try (Store store = Store.open(config)) {
            stopped = PipelineRunner.builder(store).batchSize(50).sleeper(d -> { }).build().run(pipeline);
        }
        assertEquals(RunStatus.STOPPED, stopped.status(), stopped.stopReason());
        assertEquals(3, stopped.exitCode());
        String msg = stopped.stopReason().toLowerCase();
        assertTrue(msg.contains("no space left") || msg.contains("disk full") || msg.contains("disk is full"), msg);
        assertTrue(msg.contains("resume") || msg.contains("run again"), msg);
        assertTrue(stopped.recordsRead() < expected.total(), "the disk filled before the end");
        System.out.println("disk full after " + stopped.recordsRead() + " of " + expected.total() + " records: "
                + stopped.stopReason());

        // free space: grow the file system
        assertEquals(0, sh("mount", "-o", "remount,size=64m", disk.toString()));
        List<StoreVerifier.Check> checks = StoreVerifier.verify(config);
        assertTrue(checks.stream().allMatch(StoreVerifier.Check::ok), "the store is not corrupted: " + checks);
        try (Store store = Store.open(config)) {
            store.tableCounts();
            RunResult resumed = PipelineRunner.builder(store).batchSize(50).sleeper(d -> { }).build().run(pipeline);
            assertEquals(RunStatus.SUCCEEDED, resumed.status(), resumed.stopReason());
            assertTrue(resumed.resumed());
            assertEquals(stopped.runId(), resumed.runId());
            Ledger.assertAccounted(store, "disk-full", "DISK_ROWS", expected);
        }
    }

    @Test
    void aStoreOnAReadOnlyFileSystemIsRefusedAtOpenNamingTheFileAndWhatToDo() throws Exception {
        Path disk = mountTmpfs("read-only", "8m");
        StoreConfig config = StoreConfig.ofH2File(disk.resolve("store"));
        Store.open(config).close();
        assertEquals(0, sh("mount", "-o", "remount,ro", disk.toString()));
        StoreException e = assertThrows(StoreException.NotWritable.class, () -> Store.open(config).close());
        String msg = e.getMessage();
        assertTrue(msg.contains(disk.resolve("store.mv.db").toString()), msg);
        assertTrue(msg.contains("read-only"), msg);
        assertTrue(msg.contains("--db"), "says what to do: " + msg);
    }
}
