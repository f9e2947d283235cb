package io.etlrecovery.quarantine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.store.ActionRow;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import io.etlrecovery.testing.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineDiscardTest {

    @TempDir
    Path dir;

    Store store;
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    Quarantine quarantine;
    RunResult run;

    @BeforeEach
    void quarantineThreeRecords() throws Exception {
        store = Store.open(StoreConfig.ofH2File(dir.resolve("store")));
        quarantine = Quarantine.on(store).withClock(clock);
        QuarantineFixture fixture = new QuarantineFixture();
        run = PipelineRunner.builder(store).clock(clock).build().run(fixture.pipeline(QuarantineFixture.csv(
                dir.resolve("people.csv"), "1,a,-1", "2,b,-2", "3,c,-3", "4,d,4")));
        assertEquals(3, run.recordsQuarantined());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private List<QuarantinedRecord> all() {
        return quarantine.list(QuarantineQuery.builder().build());
    }

    @Test
    void discardingRecordsByIdMarksThemDiscardedWithTheReasonAndRecordsTheAction() {
        List<QuarantinedRecord> before = all();
        long a = before.get(0).id();
        long b = before.get(1).id();

        DiscardResult r = quarantine.discard(List.of(a, b), "  duplicates of orders already loaded by hand ");

        assertEquals(2, r.discarded());
        assertTrue(r.notQuarantined().isEmpty());
        List<QuarantinedRecord> after = all();
        assertEquals(3, after.size(), "nothing is deleted");
        assertEquals(QuarantineStatus.DISCARDED, after.get(0).status());
        assertEquals("duplicates of orders already loaded by hand", after.get(0).discardReason());
        assertEquals(QuarantineStatus.QUARANTINED, after.get(2).status());
        List<ActionRow> actions = store.withSession(s -> s.actions().byAction(QuarantineFixture.PIPELINE,
                "QUARANTINE_DISCARDED"));
        assertEquals(1, actions.size());
        assertEquals(run.runId(), actions.get(0).runId());
        assertEquals("quarantine ids " + a + ", " + b, actions.get(0).target());
        assertTrue(actions.get(0).detail().contains("discarded 2 records: duplicates"), actions.get(0).detail());
        assertEquals(clock.instant(), actions.get(0).createdAt());
    }

    @Test
    void discardingWithoutAReasonIsRefusedAndChangesNothing() {
        long id = all().get(0).id();

        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> quarantine.discard(List.of(id), "   "));
        assertThrows(IllegalArgumentException.class, () -> quarantine.discard(List.of(id), null));
        assertThrows(IllegalArgumentException.class,
                () -> quarantine.discardAll(QuarantineFixture.PIPELINE, OptionalLong.empty(), ""));

        assertTrue(blank.getMessage().startsWith("reason"), blank.getMessage());
        assertTrue(all().stream().allMatch(q -> q.status() == QuarantineStatus.QUARANTINED));
        assertTrue(store.withSession(s -> s.actions().byAction(null, "QUARANTINE_DISCARDED")).isEmpty());
    }

    @Test
    void anUnknownIdRefusesTheWholeDiscard() {
        long id = all().get(0).id();

        QuarantineException e = assertThrows(QuarantineException.class,
                () -> quarantine.discard(List.of(id, 4711L), "bad"));

        assertTrue(e.getMessage().contains("4711"), e.getMessage());
        assertEquals(QuarantineStatus.QUARANTINED, quarantine.find(id).orElseThrow().status());
    }

    @Test
    void discardingAPipelinesRunTakesItsQuarantinedRecordsAndLeavesOthersAsTheyAre() {
        long first = all().get(0).id();
        quarantine.discard(List.of(first), "checked by hand");

        DiscardResult r = quarantine.discardAll(QuarantineFixture.PIPELINE, OptionalLong.of(run.runId()), "bad export");

        assertEquals(2, r.discarded());
        assertEquals("checked by hand", quarantine.find(first).orElseThrow().discardReason());
        assertEquals(List.of("checked by hand", "bad export", "bad export"),
                all().stream().map(QuarantinedRecord::discardReason).toList());
        DiscardResult again = quarantine.discard(List.of(first), "again");
        assertEquals(0, again.discarded());
        assertEquals(List.of(first), again.notQuarantined());
    }
}
