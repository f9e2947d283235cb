package io.etlrecovery.recovery;

import io.etlrecovery.recovery.spi.BreakerStateStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One {@link CircuitBreaker} per dependency name, all sharing a {@link BreakerStateStore}, a {@link Clock} and the
 * {@link BreakerListener}s. Immutable configuration, thread-safe.
 *
 * <p>A breaker is created on first use from its per-name config (or the default config) and loads its saved state
 * then, so an open breaker stays open across a restart or a new registry over the same store. {@link #refresh()}
 * re-reads the store for the breakers already created, so that a breaker opened by another run on the same store
 * is seen; the runner calls it at batch boundaries.
 *
 * <p>Defaults: {@link CircuitBreakerConfig#defaults()}, an {@linkplain BreakerStateStore#inMemory() in-memory}
 * store, the system UTC clock, no listeners.
 */
public final class CircuitBreakerRegistry {

    private final CircuitBreakerConfig defaultConfig;
    private final Map<String, CircuitBreakerConfig> configs;
    private final BreakerStateStore store;
    private final Clock clock;
    private final List<BreakerListener> listeners;
    private final ConcurrentMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    private CircuitBreakerRegistry(Builder b) {
        this.defaultConfig = b.defaultConfig;
        this.configs = Map.copyOf(b.configs);
        this.store = b.store != null ? b.store : BreakerStateStore.inMemory();
        this.clock = b.clock;
        this.listeners = List.copyOf(b.listeners);
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A registry with the default config, a new in-memory store and the system UTC clock. */
    public static CircuitBreakerRegistry inMemory() {
        return builder().build();
    }

    /**
     * The breaker of dependency {@code name}, created (and its saved state loaded) on first use.
     *
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public CircuitBreaker breaker(String name) {
        CircuitBreaker existing = breakers.get(name);
        if (existing != null) {
            return existing;
        }
        checkName(name);
        return breakers.computeIfAbsent(name,
                n -> new CircuitBreaker(n, configFor(n), clock, store, listeners));
    }

    /** The breaker of {@code name} if it was already created. */
    public Optional<CircuitBreaker> find(String name) {
        return Optional.ofNullable(breakers.get(name));
    }

    /** The breakers created so far, by name. */
    public List<CircuitBreaker> breakers() {
        List<CircuitBreaker> all = new ArrayList<>(breakers.values());
        all.sort(Comparator.comparing(CircuitBreaker::name));
        return List.copyOf(all);
    }

    /**
     * Re-reads the saved state of every breaker created so far and adopts it when it was saved after the
     * breaker's own last change (typically by another run). A change of state is published to the listeners.
     * One store read per breaker: call it at batch boundaries, not per record.
     */
    public void refresh() {
        for (CircuitBreaker b : breakers.values()) {
            b.reload();
        }
    }

    /** The config used for breaker {@code name}. */
    public CircuitBreakerConfig configFor(String name) {
        return configs.getOrDefault(name, defaultConfig);
    }

    /** The shared store. */
    public BreakerStateStore store() {
        return store;
    }

    /** The clock the breakers use. */
    public Clock clock() {
        return clock;
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("breaker name must not be blank");
        }
    }

    /** Builds a {@link CircuitBreakerRegistry}. Not thread-safe. */
    public static final class Builder {
        private CircuitBreakerConfig defaultConfig = CircuitBreakerConfig.defaults();
        private final Map<String, CircuitBreakerConfig> configs = new HashMap<>();
        private BreakerStateStore store;
        private Clock clock = Clock.systemUTC();
        private final List<BreakerListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** The config of breakers without their own (default {@link CircuitBreakerConfig#defaults()}). */
        public Builder defaultConfig(CircuitBreakerConfig config) {
            this.defaultConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The config of breaker {@code name}. */
        public Builder config(String name, CircuitBreakerConfig config) {
            checkName(name);
            configs.put(name, Objects.requireNonNull(config, "config"));
            return this;
        }

        /** Where states are saved (default: a new in-memory store). */
        public Builder store(BreakerStateStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The clock (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Adds a listener to every breaker's transitions. */
        public Builder listener(BreakerListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The registry. */
        public CircuitBreakerRegistry build() {
            return new CircuitBreakerRegistry(this);
        }
    }
}
