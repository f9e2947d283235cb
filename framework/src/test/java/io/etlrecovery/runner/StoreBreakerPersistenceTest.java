package io.etlrecovery.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.recovery.CircuitBreaker;
import io.etlrecovery.recovery.CircuitBreakerConfig;
import io.etlrecovery.recovery.CircuitBreakerRegistry;
import io.etlrecovery.runner.internal.StoreBreakerStateStore;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import io.etlrecovery.testing.ManualClock;
import io.etlrecovery.pipeline.BatchStep;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.recovery.spi.BreakerState;
import io.etlrecovery.recovery.spi.BreakerStateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreBreakerPersistenceTest {

    @TempDir
    Path dir;

    private CircuitBreakerRegistry registry(Store store, ManualClock clock) {
        return CircuitBreakerRegistry.builder().defaultConfig(CircuitBreakerConfig.defaults())
                .store(new StoreBreakerStateStore(store)).clock(clock).build();
    }

    @Test
    void anOpenBreakerStaysOpenAcrossAStoreReopenAndHalfOpensOnTime() {
        ManualClock clock = new ManualClock();
        StoreConfig config = StoreConfig.ofH2File(dir.resolve("store"));
        try (Store store = Store.open(config)) {
            CircuitBreaker fx = registry(store, clock).breaker("fx-rates");
            for (int i = 0; i < 3; i++) {
                assertTrue(fx.tryAcquirePermission());
                fx.onFailure();
            }
            assertEquals(CircuitBreaker.State.OPEN, fx.state());
        }
        clock.advance(Duration.ofSeconds(10));
        try (Store reopened = Store.open(config)) {
            assertEquals("OPEN", reopened.withSession(s -> s.breakers().find("fx-rates")).orElseThrow().state());
            CircuitBreaker fx = registry(reopened, clock).breaker("fx-rates");
            assertEquals(CircuitBreaker.State.OPEN, fx.state(), "the state survived the restart");
            assertFalse(fx.tryAcquirePermission(), "still refusing 10 s into a 30 s open period");
            clock.advance(Duration.ofSeconds(21));
            assertTrue(fx.tryAcquirePermission(), "a trial call after the open duration");
            fx.onSuccess();
            assertEquals(CircuitBreaker.State.CLOSED, fx.state());
            assertEquals("CLOSED", reopened.withSession(s -> s.breakers().find("fx-rates")).orElseThrow().state());
        }
    }

    @Test
    void aBreakerOpenedByAnotherRunOnTheSameStoreIsSeenAfterRefresh() {
        ManualClock clock = new ManualClock();
        try (Store store = Store.open(StoreConfig.ofH2File(dir.resolve("shared")))) {
            CircuitBreakerRegistry mine = registry(store, clock);
            CircuitBreakerRegistry theirs = registry(store, clock);
            assertEquals(CircuitBreaker.State.CLOSED, mine.breaker("db").state());
            CircuitBreaker other = theirs.breaker("db");
            for (int i = 0; i < 3; i++) {
                other.tryAcquirePermission();
                other.onFailure();
            }
            mine.refresh();
            assertEquals(CircuitBreaker.State.OPEN, mine.breaker("db").state());
        }
    }
    @Test
    void aRunReadsTheSharedBreakerStatesAtItsStartAndThenAtMostOncePerSecondOfItsClock() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-01T08:00:00Z"));
        try (Store store = Store.open(StoreConfig.ofH2File(dir.resolve("refresh")))) {
            List<Instant> loads = new ArrayList<>();
            BreakerStateStore shared = new StoreBreakerStateStore(store);
            BreakerStateStore counting = new BreakerStateStore() {
                @Override public Optional<BreakerState> load(String name) {
                    loads.add(clock.instant());
                    return shared.load(name);
                }
                @Override public void save(BreakerState state) {
                    shared.save(state);
                }
            };
            CircuitBreakerRegistry breakers = CircuitBreakerRegistry.builder().store(counting).clock(clock).build();
            breakers.breaker("fx-rates"); // known to the run before it starts
            loads.clear();
            List<String> lines = new ArrayList<>();
            for (int i = 1; i <= 10; i++) lines.add(i + ",v" + i);
            ListSource source = new ListSource(lines, "fp-refresh");
            source.onNext = () -> clock.advance(Duration.ofMillis(400)); // each 1-record batch takes 400 ms
            Pipeline p = Pipeline.named("refresh").beforeRun(c -> c.createStatement().execute(ItemsSink.DDL))
                    .step(BatchStep.reading("load", source).writeTo(new ItemsSink())).build();

            RunResult r = PipelineRunner.builder(store).clock(clock).breakers(breakers).batchSize(1).build().run(p);

            assertEquals(RunStatus.SUCCEEDED, r.status());
            assertTrue(loads.size() >= 2, "read at the start and again during the run: " + loads);
            for (int i = 1; i < loads.size(); i++) {
                assertFalse(loads.get(i).isBefore(loads.get(i - 1).plusSeconds(1)),
                        "two reads less than a second apart: " + loads);
            }
            assertTrue(loads.size() <= 10 * 400 / 1000 + 2, "at most one read per second of the run: " + loads);
        }
    }
}
