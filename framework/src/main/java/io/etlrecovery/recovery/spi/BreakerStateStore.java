package io.etlrecovery.recovery.spi;

import io.etlrecovery.recovery.internal.InMemoryBreakerStateStore;

import java.util.Optional;

/**
 * Where circuit breakers keep their state so that it survives a restart and is shared by runs using the same
 * store. A {@link io.etlrecovery.recovery.CircuitBreaker} loads its state when created and saves it on every state
 * transition only (never per call), so implementations may do I/O, but should be quick: a save happens while the
 * breaker holds its lock.
 *
 * <p>Implementations must be thread-safe. A failing {@code load} or {@code save} is logged by the breaker and
 * otherwise ignored: the breaker keeps working in memory.
 */
public interface BreakerStateStore {

    /** The last saved state of breaker {@code name}, if any. */
    Optional<BreakerState> load(String name);

    /** Saves (inserts or replaces) the state of breaker {@code state.name()}. */
    void save(BreakerState state);

    /** A new, empty, thread-safe store in memory, for tests and standalone use. */
    static BreakerStateStore inMemory() {
        return new InMemoryBreakerStateStore();
    }
}
