package io.etlrecovery.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.report.MutableClock;
import io.etlrecovery.report.Reports;
import io.etlrecovery.store.HealthRow;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthCheckTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;

    private Store store;
    private final MutableClock clock = new MutableClock(NOW);

    @BeforeEach
    void open() {
        store = Store.open(StoreConfig.ofH2File(dir.resolve("store")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private HealthReport check(Resources r) {
        return HealthCheck.of(store, PreRunChecks.builder().probe(volume -> r).build(), clock).run();
    }

    @Test
    void aHealthyMachineAndStoreReportOkOnEveryItem() {
        HealthReport h = check(PreRunChecksTest.resources(50 * GIB, 8 * GIB));
        assertEquals(HealthStatus.OK, h.status());
        assertEquals(List.of("store", "schema", "disk", "memory", "heap", "file descriptors", "cpu"),
                h.items().stream().map(HealthItem::name).toList());
        assertTrue(h.items().stream().allMatch(i -> i.status() == HealthStatus.OK), h.items().toString());
        assertEquals("version " + store.schemaVersion(), h.item("schema").orElseThrow().detail());
        assertEquals("50 GiB free of 100 GiB on " + dir.toAbsolutePath() + " (the store's volume)",
                h.item("disk").orElseThrow().detail());
        assertEquals("120 of 1024 used (11.7%)", h.item("file descriptors").orElseThrow().detail());
        assertEquals("load 25%", h.item("cpu").orElseThrow().detail());
        assertEquals(NOW, h.checkedAt());
        assertEquals(store.describe(), h.store());
        assertEquals(store.schemaVersion(), h.schemaVersion());
    }

    @Test
    void diskBelowTheMinimumFailsAndBelowTwiceTheMinimumWarns() {
        HealthReport low = check(PreRunChecksTest.resources(512 * MIB, 8 * GIB));
        assertEquals(HealthStatus.FAILED, low.status());
        assertEquals(HealthStatus.FAILED, low.item("disk").orElseThrow().status());
        assertTrue(low.item("disk").orElseThrow().detail().startsWith("Only 512 MiB free on "));
        HealthReport close = check(PreRunChecksTest.resources(1536 * MIB, 8 * GIB));
        assertEquals(HealthStatus.WARNING, close.status());
        assertTrue(close.item("disk").orElseThrow().detail().endsWith("runs need at least 1 GiB, so this is getting close."));
        HealthReport memory = check(PreRunChecksTest.resources(50 * GIB, 100 * MIB));
        assertEquals(HealthStatus.FAILED, memory.item("memory").orElseThrow().status());
    }

    @Test
    void aNearlyFullHeapOrDescriptorTableWarnsWithAdvice() {
        Resources r = new Resources(0.99, 8 * GIB, 16 * GIB, 50 * GIB, 100 * GIB, 950 * MIB, 1000 * MIB, 1000L, 1024L);
        HealthReport h = check(r);
        assertEquals(HealthStatus.WARNING, h.status());
        assertEquals(HealthStatus.WARNING, h.item("heap").orElseThrow().status());
        assertTrue(h.item("heap").orElseThrow().detail().contains("-Xmx"));
        assertEquals(HealthStatus.WARNING, h.item("file descriptors").orElseThrow().status());
        assertTrue(h.item("file descriptors").orElseThrow().detail().contains("ulimit -n"));
        assertEquals(HealthStatus.WARNING, h.item("cpu").orElseThrow().status());
    }

    @Test
    void unknownValuesAreShownAsNotReported() {
        HealthReport h = check(Resources.UNKNOWN);
        assertEquals(HealthStatus.OK, h.status());
        assertEquals("not reported by the operating system", h.item("memory").orElseThrow().detail());
    }

    @Test
    void aCheckRecordsItsSnapshotInSystemHealth() {
        check(PreRunChecksTest.resources(50 * GIB, 8 * GIB));
        List<HealthRow> rows = store.withSession(s -> s.health().recent(NOW.minusSeconds(1), 10));
        assertEquals(1, rows.size());
        HealthRow row = rows.get(0);
        assertEquals("CHECK", row.phase());
        assertEquals(50 * GIB, row.diskFreeBytes());
        assertEquals(8 * GIB, row.memoryAvailableBytes());
        assertEquals(0.25, row.cpuLoad());
        assertEquals(120L, row.openFileDescriptors());
        assertEquals(NOW, row.takenAt());
    }

    @Test
    void theReportsApiChecksHealthWithItsLimits() {
        HealthReport h = Reports.on(store).clock(clock)
                .healthLimits(PreRunChecks.builder().minFreeDisk(100 * GIB)
                        .probe(volume -> PreRunChecksTest.resources(50 * GIB, 8 * GIB)).build())
                .health();
        assertEquals(HealthStatus.FAILED, h.status());
    }

    @Test
    void theSamplerWritesWhatItMeasuredForARunAndPhase() {
        long run = store.inTransaction(s -> s.runs().create("p", NOW, "h", 1, null, null, null));
        HealthSampler sampler = HealthSampler.of(volume -> PreRunChecksTest.resources(7 * GIB, 3 * GIB), clock);
        HealthSnapshot snap = sampler.record(store, run, HealthPhase.RUN_START);
        assertEquals(dir.toAbsolutePath(), snap.volume());
        List<HealthRow> rows = store.withSession(s -> s.health().forRun(run));
        assertEquals(1, rows.size());
        assertEquals("RUN_START", rows.get(0).phase());
        assertEquals(7 * GIB, rows.get(0).diskFreeBytes());
        assertEquals(run, rows.get(0).runId());
        assertEquals(snap.host(), rows.get(0).host());
    }

    @Test
    void theMonitorRecordsRunStartPeriodicSnapshotsAndRunEndOffThePipelinesThread() throws Exception {
        long run = store.inTransaction(s -> s.runs().create("p", NOW, "h", 1, null, null, null));
        CountDownLatch threeSamples = new CountDownLatch(3);
        AtomicInteger calls = new AtomicInteger();
        Thread caller = Thread.currentThread();
        ResourceProbe probe = volume -> {
            if (Thread.currentThread() == caller) throw new AssertionError("sampled on the caller's thread");
            if (calls.incrementAndGet() == 2) throw new IllegalStateException("probe hiccup"); // skipped, not fatal
            threeSamples.countDown();
            return PreRunChecksTest.resources(7 * GIB, 3 * GIB);
        };
        HealthMonitor monitor = HealthMonitor.start(HealthSampler.of(probe, clock), store, run, Duration.ofMillis(5));
        assertTrue(threeSamples.await(10, TimeUnit.SECONDS), "three samples within 10 s");
        monitor.close();
        monitor.close(); // idempotent
        List<String> phases = store.withSession(s -> s.health().forRun(run)).stream().map(HealthRow::phase).toList();
        assertEquals("RUN_START", phases.get(0));
        assertEquals("RUN_END", phases.get(phases.size() - 1));
        assertTrue(phases.subList(1, phases.size() - 1).stream().allMatch("PERIODIC"::equals), phases.toString());
        assertTrue(phases.size() >= 4, phases.toString());
        assertEquals(phases.size(), monitor.samplesWritten());
        assertEquals(1, monitor.samplesFailed());
    }

    @Test
    void theMonitorRefusesANonPositivePeriod() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> HealthMonitor.start(HealthSampler.of(v -> Resources.UNKNOWN, clock), store, null, Duration.ZERO))
                .getMessage().startsWith("every"));
    }

    @Test
    void theSystemProbeMeasuresThisMachine() {
        Resources r = ResourceProbe.system().measure(dir);
        assertNotNull(r.heapUsedBytes());
        assertNotNull(r.diskFreeBytes());
        assertTrue(r.diskTotalBytes() >= r.diskFreeBytes());
        if (System.getProperty("os.name").toLowerCase().contains("linux")) {
            assertNotNull(r.memoryTotalBytes());
            assertTrue(r.memoryAvailableBytes() > 0 && r.memoryAvailableBytes() <= r.memoryTotalBytes());
            assertNotNull(r.openFileDescriptors());
        }
        Resources again = ResourceProbe.system().measure(dir.resolve("not/yet/created"));
        assertEquals(r.diskTotalBytes(), again.diskTotalBytes());
    }
}
