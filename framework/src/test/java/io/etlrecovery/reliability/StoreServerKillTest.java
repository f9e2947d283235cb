package io.etlrecovery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.io.CsvSource;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunListener;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.runner.RunStatus;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.Store;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's database is a separate H2 TCP server process, killed with SIGKILL in the middle of a run (right after
 * the third batch committed, seen through a {@link RunListener}). The run must end resumably with a clear message and
 * no exception escaping; once the server is back, the resume loses and duplicates nothing.
 */
class StoreServerKillTest {

    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private ChildJvm startServer(Path baseDir, int port) throws Exception {
        ChildJvm server = ChildJvm.start(List.of(), "org.h2.tools.Server", "-tcp", "-tcpPort", Integer.toString(port),
                "-baseDir", baseDir.toString(), "-ifNotExists");
        server.awaitLine(l -> l.contains("TCP server running"), 60);
        return server;
    }

    @Test
    void aStoreServerKilledMidRunStopsTheRunResumablyAndTheResumeLosesAndDuplicatesNothing() throws Exception {
        Path baseDir = Files.createDirectories(dir.resolve("h2"));
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 1; i <= 300; i++) csv.append(i).append(',').append(i % 17 == 0 ? "x,too-many" : "n" + i).append('\n');
        Path input = Files.writeString(dir.resolve("in.csv"), csv.toString());
        CsvSource source = CsvSource.builder(input).build();
        Ledger.Expected expected = Ledger.expect(source);
        Pipeline pipeline = Ledger.csvPipeline("tcp-kill", source, "TCP_ROWS");

        int port = freePort();
        // WRITE_DELAY=0: the server writes each commit to its file at once, so an acknowledged batch survives its
        // kill (the embedded store sets this itself; docs/configuration.md tells users of an H2 server to set it)
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/store;WRITE_DELAY=0";
        ChildJvm server = startServer(baseDir, port);
        AtomicInteger commits = new AtomicInteger();
        RunResult stopped;
        try (Store store = Store.open(url)) {
            PipelineRunner runner = PipelineRunner.builder(store).batchSize(20).sleeper(d -> { })
                    .listener(new RunListener() {
                        @Override
                        public void onBatchCommitted(BatchCommitted e) {
                            if (commits.incrementAndGet() == 3) {
                                try {
                                    server.kill();
                                } catch (InterruptedException ex) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                        }
                    }).build();
            stopped = runner.run(pipeline); // must return, not throw
        } finally {
            server.close();
        }
        assertEquals(3, commits.get(), "no batch committed after the kill");
        assertEquals(RunStatus.STOPPED, stopped.status(), stopped.stopReason());
        assertEquals(3, stopped.exitCode());
        assertEquals(60, stopped.recordsRead(), "the totals are those of the committed batches");
        String msg = stopped.stopReason();
        assertTrue(msg.contains("unreachable") && msg.contains("resume"), msg);
        assertTrue(!msg.contains("\tat "), "no stack trace in the message: " + msg);

        try (ChildJvm again = startServer(baseDir, port); Store store = Store.open(url)) {
            RunRow before = store.withSession(s -> s.runs().find(stopped.runId())).orElseThrow();
            assertEquals(60, before.recordsRead(), "every acknowledged batch survived the server's kill");
            RunResult resumed = PipelineRunner.builder(store).batchSize(20).sleeper(d -> { }).build().run(pipeline);
            assertEquals(RunStatus.SUCCEEDED, resumed.status(), resumed.stopReason());
            assertTrue(resumed.resumed());
            assertEquals(stopped.runId(), resumed.runId());
            assertEquals(before.recordsRead(), resumed.resumedFromRecord());
            Ledger.assertAccounted(store, "tcp-kill", "TCP_ROWS", expected);
        }
    }
}
