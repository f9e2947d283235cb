package io.etlrecovery.recovery;

import io.etlrecovery.recovery.CircuitBreaker.State;
import io.etlrecovery.recovery.spi.BreakerState;
import io.etlrecovery.recovery.spi.BreakerStateStore;
import io.etlrecovery.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBreakerTest {

    private final ManualClock clock = new ManualClock();
    private final List<BreakerTransition> transitions = new ArrayList<>();
    private final CountingStore store = new CountingStore();

    private CircuitBreakerRegistry registry;

    private CircuitBreakerRegistry registry(CircuitBreakerConfig config) {
        registry = CircuitBreakerRegistry.builder().defaultConfig(config).clock(clock).store(store)
                .listener(transitions::add).build();
        return registry;
    }

    private CircuitBreaker breaker() {
        return registry(CircuitBreakerConfig.defaults()).breaker("orders-api");
    }

    private static void fail(CircuitBreaker b, int times) {
        for (int i = 0; i < times; i++) {
            assertTrue(b.tryAcquirePermission());
            b.onFailure();
        }
    }

    @Test
    void aClosedBreakerLetsCallsThroughAndOpensAfterThreeConsecutiveFailures() {
        CircuitBreaker b = breaker();
        fail(b, 2);
        assertEquals(State.CLOSED, b.state());
        fail(b, 1);
        assertEquals(State.OPEN, b.state());
        assertEquals(Optional.of(ManualClock.DEFAULT_START.plusSeconds(30)), b.nextTrialAt());
        BreakerTransition t = transitions.get(0);
        assertEquals(new BreakerTransition("orders-api", State.CLOSED, State.OPEN, ManualClock.DEFAULT_START,
                "3 consecutive failures", 3, 3, 0), t);
    }

    @Test
    void aSuccessResetsTheConsecutiveFailures() {
        CircuitBreaker b = breaker();
        fail(b, 2);
        assertTrue(b.tryAcquirePermission());
        b.onSuccess();
        fail(b, 2);
        assertEquals(State.CLOSED, b.state());
        assertTrue(transitions.isEmpty());
    }

    @Test
    void anOpenBreakerRefusesCallsUntilTheOpenDurationHasElapsed() {
        CircuitBreaker b = breaker();
        fail(b, 3);
        assertFalse(b.tryAcquirePermission());
        clock.advance(Duration.ofSeconds(29));
        assertFalse(b.tryAcquirePermission());
        assertEquals(State.OPEN, b.state());
    }

    @Test
    void theBreakerMovesToHalfOpenLazilyOnTheFirstPermissionCheckAfterTheOpenDuration() {
        CircuitBreaker b = breaker();
        fail(b, 3);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(State.OPEN, b.state(), "no timer: nothing changes until someone asks");
        assertTrue(b.tryAcquirePermission());
        assertEquals(State.HALF_OPEN, b.state());
        assertEquals(Optional.empty(), b.nextTrialAt());
        assertFalse(b.tryAcquirePermission(), "only one trial call by default");
        assertEquals(List.of(State.OPEN, State.HALF_OPEN), transitions.stream().map(BreakerTransition::to).toList());
    }

    @Test
    void aHalfOpenTrialThatSucceedsClosesTheBreaker() {
        CircuitBreaker b = breaker();
        fail(b, 3);
        clock.advance(Duration.ofSeconds(30));
        assertTrue(b.tryAcquirePermission());
        b.onSuccess();
        assertEquals(State.CLOSED, b.state());
        BreakerTransition closed = transitions.get(transitions.size() - 1);
        assertEquals(State.HALF_OPEN, closed.from());
        assertEquals(State.CLOSED, closed.to());
        assertEquals("1 trial call(s) succeeded", closed.reason());
        // closed again means counting from zero
        fail(b, 2);
        assertEquals(State.CLOSED, b.state());
    }

    @Test
    void aHalfOpenTrialThatFailsReopensTheBreakerForAnotherOpenDuration() {
        CircuitBreaker b = breaker();
        fail(b, 3);
        clock.advance(Duration.ofSeconds(30));
        assertTrue(b.tryAcquirePermission());
        clock.advance(Duration.ofSeconds(1));
        b.onFailure();
        assertEquals(State.OPEN, b.state());
        assertEquals(Optional.of(ManualClock.DEFAULT_START.plusSeconds(61)), b.nextTrialAt());
        assertEquals("trial call failed", transitions.get(2).reason());
    }

    @Test
    void closingNeedsAsManySuccessesAsTrialCallsArePermitted() {
        CircuitBreaker b = registry(CircuitBreakerConfig.builder().permittedTrialCalls(2).build()).breaker("x");
        fail(b, 3);
        clock.advance(Duration.ofSeconds(30));
        assertTrue(b.tryAcquirePermission());
        assertTrue(b.tryAcquirePermission());
        assertFalse(b.tryAcquirePermission());
        b.onSuccess();
        assertEquals(State.HALF_OPEN, b.state());
        b.onSuccess();
        assertEquals(State.CLOSED, b.state());
    }

    @Test
    void releasingAPermissionGivesTheTrialSlotBackWithoutCountingAnything() {
        CircuitBreaker b = breaker();
        fail(b, 3);
        clock.advance(Duration.ofSeconds(30));
        assertTrue(b.tryAcquirePermission());
        b.releasePermission();
        assertEquals(State.HALF_OPEN, b.state());
        assertTrue(b.tryAcquirePermission());
    }

    @Test
    void resultsOfCallsThatStartedBeforeTheBreakerOpenedAreIgnored() {
        CircuitBreaker b = breaker();
        fail(b, 3);
        b.onSuccess();
        b.onFailure();
        assertEquals(State.OPEN, b.state());
        assertEquals(1, transitions.size());
    }

    @Test
    void failureRateModeOpensWhenTheShareOfFailuresInTheWindowReachesTheThreshold() {
        CircuitBreaker b = registry(CircuitBreakerConfig.builder().failureRateThreshold(50).slidingWindowSize(10)
                .minimumCalls(4).build()).breaker("x");
        // F S F: 67% but fewer than 4 calls
        outcome(b, false);
        outcome(b, true);
        outcome(b, false);
        assertEquals(State.CLOSED, b.state());
        // F S F S: 50% over 4 calls
        outcome(b, true);
        assertEquals(State.CLOSED, b.state(), "a success never opens the breaker");
        outcome(b, false);
        assertEquals(State.OPEN, b.state());
        assertEquals("3 of the last 5 calls failed (60.0% >= 50.0%)", transitions.get(0).reason());
    }

    @Test
    void failureRateModeForgetsCallsThatLeftTheWindow() {
        CircuitBreaker b = registry(CircuitBreakerConfig.builder().failureRateThreshold(50).slidingWindowSize(4)
                .minimumCalls(4).build()).breaker("x");
        outcome(b, false);
        for (int i = 0; i < 4; i++) {
            outcome(b, true);
        }
        // window is S S S S; the early failure left it
        outcome(b, false); // F S S S -> 25%
        assertEquals(State.CLOSED, b.state());
        outcome(b, false); // F F S S -> 50%
        assertEquals(State.OPEN, b.state());
        assertEquals(2, transitions.get(0).failureCount());
        assertEquals(2, transitions.get(0).successCount());
    }

    private static void outcome(CircuitBreaker b, boolean success) {
        assertTrue(b.tryAcquirePermission());
        if (success) {
            b.onSuccess();
        } else {
            b.onFailure();
        }
    }

    @Test
    void aThrowingListenerIsIgnoredAndTheOthersStillHearTheTransition() {
        List<BreakerTransition> heard = new ArrayList<>();
        CircuitBreaker b = CircuitBreakerRegistry.builder().clock(clock)
                .listener(t -> {
                    throw new IllegalStateException("listener bug");
                })
                .listener(heard::add).build().breaker("x");
        fail(b, 3);
        assertEquals(State.OPEN, b.state());
        assertEquals(1, heard.size());
    }

    @Test
    void theStateIsSavedOnEveryTransitionButNotOnEveryCall() {
        CircuitBreaker b = breaker();
        for (int i = 0; i < 100; i++) {
            assertTrue(b.tryAcquirePermission());
            b.onSuccess();
        }
        fail(b, 2);
        assertEquals(0, store.saves.get());
        fail(b, 1);
        assertEquals(1, store.saves.get());
        BreakerState saved = store.load("orders-api").orElseThrow();
        assertEquals(new BreakerState("orders-api", State.OPEN, 3, 3, 0, 0, ManualClock.DEFAULT_START,
                ManualClock.DEFAULT_START.plusSeconds(30), ManualClock.DEFAULT_START), saved);
        for (int i = 0; i < 50; i++) {
            assertFalse(b.tryAcquirePermission());
        }
        assertEquals(1, store.saves.get());
        clock.advance(Duration.ofSeconds(30));
        assertTrue(b.tryAcquirePermission());
        b.onSuccess();
        assertEquals(3, store.saves.get(), "HALF_OPEN and CLOSED");
        assertEquals(State.CLOSED, store.load("orders-api").orElseThrow().state());
    }

    @Test
    void anOpenBreakerStaysOpenAfterTheStoreIsReopenedByANewRegistry() {
        fail(breaker(), 3);
        CircuitBreakerRegistry reopened = CircuitBreakerRegistry.builder().clock(clock).store(store).build();
        CircuitBreaker b = reopened.breaker("orders-api");
        assertEquals(State.OPEN, b.state());
        assertEquals(Optional.of(ManualClock.DEFAULT_START.plusSeconds(30)), b.nextTrialAt());
        assertFalse(b.tryAcquirePermission());
        clock.advance(Duration.ofSeconds(30));
        assertTrue(b.tryAcquirePermission());
        b.onSuccess();
        assertEquals(State.CLOSED, b.state());
    }

    @Test
    void aBreakerSavedWhileHalfOpenIsRestoredHalfOpenWithItsTrialSlotFree() {
        CircuitBreaker first = breaker();
        fail(first, 3);
        clock.advance(Duration.ofSeconds(30));
        assertTrue(first.tryAcquirePermission()); // the process "dies" during its trial call
        CircuitBreaker b = CircuitBreakerRegistry.builder().clock(clock).store(store).build().breaker("orders-api");
        assertEquals(State.HALF_OPEN, b.state());
        assertTrue(b.tryAcquirePermission());
    }

    @Test
    void refreshAdoptsAStateSavedByAnotherRunOnTheSameStore() {
        CircuitBreaker mine = breaker();
        assertTrue(mine.tryAcquirePermission());
        CircuitBreakerRegistry otherRun = CircuitBreakerRegistry.builder().clock(clock).store(store).build();
        clock.advance(Duration.ofSeconds(1));
        fail(otherRun.breaker("orders-api"), 3);
        assertEquals(State.CLOSED, mine.state(), "no store read per call");

        registry.refresh();

        assertEquals(State.OPEN, mine.state());
        assertFalse(mine.tryAcquirePermission());
        BreakerTransition t = transitions.get(transitions.size() - 1);
        assertEquals(State.CLOSED, t.from());
        assertEquals(State.OPEN, t.to());
        assertEquals("state changed in the store (by another run)", t.reason());
    }

    @Test
    void refreshKeepsTheOwnStateWhenTheStoreHoldsNothingNewer() {
        CircuitBreaker b = breaker();
        fail(b, 3);
        int before = transitions.size();
        registry.refresh();
        assertEquals(State.OPEN, b.state());
        assertEquals(before, transitions.size());
    }

    @Test
    void aFailingStoreDoesNotStopTheBreaker() {
        BreakerStateStore broken = new BreakerStateStore() {
            @Override
            public Optional<BreakerState> load(String name) {
                throw new IllegalStateException("database down");
            }

            @Override
            public void save(BreakerState state) {
                throw new IllegalStateException("database down");
            }
        };
        CircuitBreaker b = CircuitBreakerRegistry.builder().clock(clock).store(broken).build().breaker("x");
        fail(b, 3);
        assertEquals(State.OPEN, b.state());
    }

    @Test
    void theRegistryGivesOneBreakerPerNameWithItsOwnConfig() {
        CircuitBreakerConfig strict = CircuitBreakerConfig.builder().failureThreshold(1).build();
        CircuitBreakerRegistry r = CircuitBreakerRegistry.builder().clock(clock).config("fragile", strict).build();
        assertTrue(r.breaker("a") == r.breaker("a"));
        assertEquals(strict, r.breaker("fragile").config());
        assertEquals(CircuitBreakerConfig.defaults(), r.breaker("a").config());
        fail(r.breaker("fragile"), 1);
        assertEquals(State.OPEN, r.breaker("fragile").state());
        assertEquals(List.of("a", "fragile"), r.breakers().stream().map(CircuitBreaker::name).toList());
        assertThrows(IllegalArgumentException.class, () -> r.breaker(" "));
    }

    @Test
    void concurrentFailuresOpenTheBreakerExactlyOnce() throws Exception {
        CircuitBreaker b = registry(CircuitBreakerConfig.builder().failureThreshold(50).build()).breaker("x");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicInteger permitted = new AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 1000; i++) {
                        if (b.tryAcquirePermission()) {
                            permitted.incrementAndGet();
                            b.onFailure();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(State.OPEN, b.state());
        assertEquals(1, transitions.size());
        assertEquals(50, transitions.get(0).consecutiveFailures());
        assertTrue(permitted.get() >= 50);
    }

    @Test
    void configValidationNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CircuitBreakerConfig.builder().failureThreshold(0));
        assertEquals("failureThreshold must be >= 1, was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CircuitBreakerConfig.builder().failureRateThreshold(50).minimumCalls(30).build());
        assertEquals("minimumCalls must be <= slidingWindowSize (20), was 30", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CircuitBreakerConfig.builder().failureThreshold(5).failureRateThreshold(50));
        assertTrue(e.getMessage().startsWith("failureRateThreshold cannot be combined with failureThreshold"));
        e = assertThrows(IllegalArgumentException.class,
                () -> CircuitBreakerConfig.builder().openDuration(Duration.ZERO));
        assertEquals("openDuration must be > 0, was PT0S", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CircuitBreakerConfig.builder().failureRateThreshold(120));
        assertEquals("failureRateThreshold must be > 0 and <= 100 (percent), was 120.0", e.getMessage());
    }

    /** An in-memory store that counts saves. */
    static final class CountingStore implements BreakerStateStore {
        final BreakerStateStore delegate = BreakerStateStore.inMemory();
        final AtomicInteger saves = new AtomicInteger();

        @Override
        public Optional<BreakerState> load(String name) {
            return delegate.load(name);
        }

        @Override
        public void save(BreakerState state) {
            saves.incrementAndGet();
            delegate.save(state);
        }
    }
}
