package io.etlrecovery.runner.internal;

import io.etlrecovery.recovery.CircuitBreaker;
import io.etlrecovery.recovery.spi.BreakerState;
import io.etlrecovery.recovery.spi.BreakerStateStore;
import io.etlrecovery.store.BreakerRow;
import io.etlrecovery.store.Store;
import java.util.Optional;

/** Circuit breaker states in CIRCUIT_BREAKER_STATES, shared by every run on the store. Written per transition. */
public final class StoreBreakerStateStore implements BreakerStateStore {
    private final Store store;

    public StoreBreakerStateStore(Store store) {
        this.store = store;
    }

    @Override
    public Optional<BreakerState> load(String name) {
        return store.withSession(s -> s.breakers().find(name)).map(r -> new BreakerState(r.breakerName(),
                CircuitBreaker.State.valueOf(r.state()), r.consecutiveFailures(), (int) r.failureCount(),
                (int) r.successCount(), r.trialCalls(), r.openedAt(), r.nextTrialAt(), r.updatedAt()));
    }

    @Override
    public void save(BreakerState s) {
        BreakerRow row = new BreakerRow(s.name(), s.state().name(), s.consecutiveFailures(), s.failureCount(),
                s.successCount(), s.trialCalls(), s.openedAt(), s.nextTrialAt(), s.updatedAt());
        store.useTransaction(session -> session.breakers().save(row));
    }
}
