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
import java.nio.file.Path;
import java.time.Duration;
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
}
