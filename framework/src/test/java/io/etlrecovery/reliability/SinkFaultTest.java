package io.etlrecovery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.io.CsvRow;
import io.etlrecovery.io.CsvSource;
import io.etlrecovery.io.Upsert;
import io.etlrecovery.pipeline.BatchStep;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.Sink;
import io.etlrecovery.pipeline.ValidationException;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.runner.RunStatus;
import io.etlrecovery.store.CheckpointRow;
import io.etlrecovery.store.QuarantineRow;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An external (non-JDBC-store) sink that fails in the middle of a batch, after writing part of it, into a target
 * database of its own (auto-commit, so what it wrote stays). The checkpoint never advances past what was
 * committed; on resume the batch is written again: at-least-once, as {@link Sink} documents; with the idempotent
 * {@link Upsert} the target ends with every record exactly once.
 */
class SinkFaultTest {
    private static final int RECORDS = 25;
    private static final int BATCH = 10;

    @TempDir
    Path dir;
    Store store;
    Connection target;
    int attemptsOfBatch2;
    int failedAttemptsOfBatch2;

    record Item(long id, String name) {
    }

    @BeforeEach
    void open() throws Exception {
        store = Store.open(StoreConfig.ofH2File(dir.resolve("store")));
        target = DriverManager.getConnection("jdbc:h2:mem:sinkfault-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        try (var st = target.createStatement()) {
            st.execute("CREATE TABLE PLAIN (ID BIGINT, NAME VARCHAR(100))");
            st.execute("CREATE TABLE KEYED (ID BIGINT PRIMARY KEY, NAME VARCHAR(100))");
        }
    }

    @AfterEach
    void close() throws Exception {
        try (var st = target.createStatement()) {
            st.execute("SHUTDOWN");
        }
        target.close();
        store.close();
    }

    /** Writes one item at a time (auto-commit); while {@code down}, batch 2 fails after its 4th item. */
    final class FlakySink implements Sink<Item> {
        final boolean upsert;
        volatile boolean down = true;

        FlakySink(boolean upsert) {
            this.upsert = upsert;
        }

        @Override
        public void write(List<? extends Item> items, WriteContext ctx) throws Exception {
            if (ctx.batchNumber() == 2 && items.size() > 1) attemptsOfBatch2++;
            int i = 0;
            for (Item item : items) {
                if (down && ctx.batchNumber() == 2 && i == 4) {
                    throw new ConnectException("target refused the connection after 4 rows of batch 2");
                }
                if (item.name().equals("reject")) {
                    throw new ValidationException("name", "the target rejects the name 'reject'");
                }
                if (upsert) {
                    Upsert.into("KEYED").key("ID").columns("ID", "NAME").execute(target, List.of(item), (ps, it) -> {
                        ps.setLong(1, it.id());
                        ps.setString(2, it.name());
                    });
                } else {
                    try (PreparedStatement ps = target.prepareStatement("INSERT INTO PLAIN (ID, NAME) VALUES (?, ?)")) {
                        ps.setLong(1, item.id());
                        ps.setString(2, item.name());
                        ps.executeUpdate();
                    }
                }
                i++;
            }
        }
    }

    private Pipeline pipeline(String name, Path csv, Sink<Item> sink) {
        return Pipeline.named(name)
                .step(BatchStep.reading("load", CsvSource.builder(csv).build())
                        .process("parse", (CsvRow r) -> new Item(Long.parseLong(r.get("id")), r.get("name")))
                        .writeTo(sink))
                .build();
    }

    private Path input(String rejectAt) throws Exception {
        StringBuilder sb = new StringBuilder("id,name\n");
        for (int i = 1; i <= RECORDS; i++) sb.append(i).append(',').append(rejectAt.equals("" + i) ? "reject" : "n" + i).append('\n');
        return Files.writeString(dir.resolve("in-" + rejectAt + ".csv"), sb.toString());
    }

    private PipelineRunner runner() {
        return PipelineRunner.builder(store).batchSize(BATCH).sleeper(d -> { }).build();
    }

    /** How many times each id is in {@code table}. */
    private Map<Long, Integer> copies(String table) throws Exception {
        Map<Long, Integer> m = new TreeMap<>();
        try (var st = target.createStatement(); ResultSet rs = st.executeQuery("SELECT ID FROM " + table)) {
            while (rs.next()) m.merge(rs.getLong(1), 1, Integer::sum);
        }
        return m;
    }

    private RunResult stopThenResume(String name, FlakySink sink) throws Exception {
        Pipeline p = pipeline(name, input("none"), sink);
        RunResult first = runner().run(p);
        assertEquals(RunStatus.STOPPED, first.status(), first.stopReason());
        assertEquals(3, first.exitCode());
        assertTrue(first.stopReason().contains("writing batch 2") && first.stopReason().contains("target refused"),
                first.stopReason());
        assertTrue(attemptsOfBatch2 >= 2, "a transient sink failure is retried before the run stops: " + attemptsOfBatch2);
        // the checkpoint did not move past the last committed batch
        CheckpointRow cp = store.withSession(s -> s.checkpoints().latest(first.runId(), "load")).orElseThrow();
        assertEquals(1, cp.batchNumber());
        assertEquals(BATCH, cp.recordsProcessed());
        RunRow run = store.withSession(s -> s.runs().find(first.runId())).orElseThrow();
        assertEquals(BATCH, run.recordsRead());
        assertEquals(BATCH, run.recordsLoaded());

        failedAttemptsOfBatch2 = attemptsOfBatch2;
        sink.down = false;
        RunResult second = runner().run(p);
        assertEquals(RunStatus.SUCCEEDED, second.status(), second.stopReason());
        assertTrue(second.resumed());
        assertEquals(first.runId(), second.runId());
        assertEquals(BATCH, second.resumedFromRecord());
        assertEquals(RECORDS, second.recordsRead());
        assertEquals(RECORDS, second.recordsLoaded());
        RunRow done = store.withSession(s -> s.runs().find(first.runId())).orElseThrow();
        assertEquals(RECORDS, done.recordsLoaded());
        return second;
    }

    @Test
    void aSinkThatFailsMidBatchNeverLetsTheCheckpointPassWhatItWroteAndAnUpsertEndsWithEachRecordOnce() throws Exception {
        stopThenResume("sink-upsert", new FlakySink(true));
        Map<Long, Integer> copies = copies("KEYED");
        assertEquals(RECORDS, copies.size(), "no record lost");
        assertTrue(copies.values().stream().allMatch(n -> n == 1), "no record twice: " + copies);
    }

    @Test
    void withoutAnIdempotentWriteTheFailedBatchIsWrittenAgainAtLeastOnceAndNothingElseIsRepeated() throws Exception {
        stopThenResume("sink-plain", new FlakySink(false));
        Map<Long, Integer> copies = copies("PLAIN");
        assertEquals(RECORDS, copies.size(), "no record lost");
        for (long id = 1; id <= RECORDS; id++) {
            // ids 11..14 were written by each failed attempt of batch 2, then once more on resume
            int expected = id >= 11 && id <= 14 ? failedAttemptsOfBatch2 + 1 : 1;
            assertEquals(expected, copies.get(id), "copies of id " + id);
        }
    }

    @Test
    void aSinkThatRejectsOneRecordMidBatchQuarantinesOnlyThatRecordAndTheUpsertKeepsTheRestOnce() throws Exception {
        FlakySink sink = new FlakySink(true);
        sink.down = false;
        RunResult r = runner().run(pipeline("sink-reject", input("17"), sink));
        assertEquals(RunStatus.SUCCEEDED, r.status(), r.stopReason());
        assertEquals(RECORDS - 1, r.recordsLoaded());
        assertEquals(1, r.recordsQuarantined());
        List<QuarantineRow> q = Ledger.quarantine(store, "sink-reject");
        assertEquals(1, q.size());
        assertEquals("17,reject", q.get(0).rawRecord());
        assertEquals(17L, q.get(0).recordNumber());
        assertEquals("load:write", q.get(0).stepName());
        assertTrue(q.get(0).errorMessage().contains("rejects the name"), q.get(0).errorMessage());
        Map<Long, Integer> copies = copies("KEYED");
        assertEquals(RECORDS - 1, copies.size());
        assertTrue(copies.values().stream().allMatch(n -> n == 1), "each written once: " + copies);
        assertTrue(!copies.containsKey(17L));
    }
}
