package io.etlrecovery.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.etlrecovery.report.History;
import io.etlrecovery.report.MutableClock;
import io.etlrecovery.store.BreakerRow;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MicrometerBinderTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;

    private Store store;
    private History history;
    private final MutableClock clock = new MutableClock(NOW);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void open() {
        store = Store.open(StoreConfig.ofH2File(dir.resolve("store")));
        history = new History(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private double gauge(String name, String... tags) {
        Gauge g = registry.find(name).tags(tags).gauge();
        if (g == null) throw new AssertionError("no gauge " + name + " " + String.join(",", tags));
        return g.value();
    }

    @Test
    void gaugesShowTheLatestRunsCountersPerPipelineAndStep() {
        history.run("orders", NOW.minusSeconds(7200), NOW.minusSeconds(3600), "SUCCEEDED", 999, 99); // older run
        long run = history.start("orders", NOW.minusSeconds(600));
        history.batch(run, "orders", NOW.minusSeconds(300), 1000, 10);
        history.batch(run, "orders", NOW.minusSeconds(200), 500, 5);
        new MicrometerBinder(store, clock, Duration.ofSeconds(10)).bindTo(registry);

        assertEquals(1500, gauge("etl.run.records.read", "pipeline", "orders"));
        assertEquals(1485, gauge("etl.run.records.loaded", "pipeline", "orders"));
        assertEquals(15, gauge("etl.run.records.quarantined", "pipeline", "orders"));
        assertEquals(0, gauge("etl.run.retries", "pipeline", "orders"));
        assertEquals(1, gauge("etl.run.running", "pipeline", "orders"));
        assertEquals(1500, gauge("etl.step.records.processed", "pipeline", "orders", "step", "load"));
        assertEquals(15, gauge("etl.step.records.quarantined", "pipeline", "orders", "step", "load"));
    }

    @Test
    void breakerStatesAreOneForTheCurrentStateAndZeroForTheOthers() {
        store.useTransaction(s -> s.breakers().save(new BreakerRow("crm", "OPEN", 3, 3, 0, 0, NOW, NOW.plusSeconds(30), NOW)));
        new MicrometerBinder(store, clock, Duration.ofSeconds(10)).bindTo(registry);
        assertEquals(1, gauge("etl.breaker.state", "breaker", "crm", "state", "OPEN"));
        assertEquals(0, gauge("etl.breaker.state", "breaker", "crm", "state", "CLOSED"));
        assertEquals(0, gauge("etl.breaker.state", "breaker", "crm", "state", "HALF_OPEN"));
    }

    @Test
    void budgetRemainingIsTheShareLeftPerPipelineAndBudget() {
        long run = history.start("orders", NOW.minus(Duration.ofDays(2)));
        history.batch(run, "orders", NOW.minus(Duration.ofDays(1)), 10_000, 20); // 20 of 50 allowed
        history.finish(run, "SUCCEEDED", NOW.minus(Duration.ofDays(1)).plusSeconds(1));
        new MicrometerBinder(store, clock, Duration.ofSeconds(10)).bindTo(registry);
        assertEquals(0.6, gauge("etl.budget.remaining", "pipeline", "orders", "sli", "records"), 1e-12);
        assertEquals(1.0, gauge("etl.budget.remaining", "pipeline", "orders", "sli", "runs"), 1e-12);
    }

    @Test
    void valuesAreCachedSoAScrapeBurstReadsTheStoreOnce() {
        long run = history.start("orders", NOW.minusSeconds(600));
        history.batch(run, "orders", NOW.minusSeconds(300), 1000, 10);
        MicrometerBinder binder = new MicrometerBinder(store, clock, Duration.ofSeconds(10));
        binder.bindTo(registry);
        assertEquals(1, binder.loads());
        for (int i = 0; i < 50; i++) gauge("etl.run.records.read", "pipeline", "orders");
        registry.getMeters().forEach(m -> m.measure().forEach(x -> x.getValue()));
        assertEquals(1, binder.loads());

        history.batch(run, "orders", NOW.minusSeconds(100), 500, 0);
        clock.advance(Duration.ofSeconds(9));
        assertEquals(1000, gauge("etl.run.records.read", "pipeline", "orders"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1500, gauge("etl.run.records.read", "pipeline", "orders"));
        assertEquals(2, binder.loads());
    }

    @Test
    void pipelinesThatAppearLaterGetTheirGaugesAtTheNextReload() {
        MicrometerBinder binder = new MicrometerBinder(store, clock, Duration.ofSeconds(10));
        binder.bindTo(registry);
        assertNull(registry.find("etl.run.records.read").tags("pipeline", "late").gauge());
        assertEquals(0, gauge("etl.pipelines"));
        long run = history.start("late", NOW);
        history.batch(run, "late", NOW, 42, 0);
        clock.advance(Duration.ofSeconds(11));
        registry.getMeters().forEach(m -> m.measure().forEach(x -> x.getValue())); // a scrape triggers the reload
        assertEquals(42, gauge("etl.run.records.read", "pipeline", "late"));
        assertEquals(1, gauge("etl.pipelines"));
    }

    @Test
    void aNegativeCacheDurationIsRefused() {
        assertEquals("cacheFor must be >= 0, was PT-1S", assertThrows(IllegalArgumentException.class,
                () -> new MicrometerBinder(store, clock, Duration.ofSeconds(-1))).getMessage());
    }
}
