package io.etlrecovery.recovery.internal;

import io.etlrecovery.recovery.spi.BreakerState;
import io.etlrecovery.recovery.spi.BreakerStateStore;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A thread-safe {@link BreakerStateStore} in a map. Internal: obtain one with {@link BreakerStateStore#inMemory()}. */
public final class InMemoryBreakerStateStore implements BreakerStateStore {

    private final ConcurrentMap<String, BreakerState> states = new ConcurrentHashMap<>();

    @Override
    public Optional<BreakerState> load(String name) {
        return Optional.ofNullable(states.get(Objects.requireNonNull(name, "name")));
    }

    @Override
    public void save(BreakerState state) {
        states.put(state.name(), state);
    }

    @Override
    public String toString() {
        return "InMemoryBreakerStateStore" + states.keySet();
    }
}
