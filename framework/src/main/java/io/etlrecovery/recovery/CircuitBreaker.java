package io.etlrecovery.recovery;

import io.etlrecovery.recovery.internal.Durations;
import io.etlrecovery.recovery.spi.BreakerState;
import io.etlrecovery.recovery.spi.BreakerStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stops calling a dependency that keeps failing, and tries it again after a pause. One per named dependency,
 * obtained from a {@link CircuitBreakerRegistry}.
 *
 * <pre>
 *   CLOSED ──(failure threshold reached)──▶ OPEN ──(openDuration elapsed, on the next permission check)──▶ HALF_OPEN
 *   HALF_OPEN ──(permittedTrialCalls trials succeeded)──▶ CLOSED
 *   HALF_OPEN ──(a trial failed)──▶ OPEN
 * </pre>
 *
 * <p>Usage: call {@link #tryAcquirePermission()} before the call; when permitted, report exactly one of
 * {@link #onSuccess()}, {@link #onFailure()} or {@link #releasePermission()} afterwards. Results reported while the
 * breaker is open (calls that started before it opened) are ignored.
 *
 * <p>Guarantees: thread-safe; time comes only from the injected {@link Clock}; the move from OPEN to HALF_OPEN is
 * lazy (made by the first permission check after {@code openDuration}, no timer thread). Each transition is saved
 * to the {@link BreakerStateStore} (under the breaker's lock, so saves are in order) and then published as a
 * {@link BreakerTransition} to the registry's listeners; nothing is saved per call. On a closed breaker in
 * consecutive-failures mode, permission checks and successes take no lock.
 */
public final class CircuitBreaker {

    /** The states of a breaker. */
    public enum State {
        /** Calls pass; failures are counted. */
        CLOSED,
        /** Calls are refused until the next trial time. */
        OPEN,
        /** A limited number of trial calls pass; their outcome closes or reopens the breaker. */
        HALF_OPEN
    }

    /** Hears transitions together with the caller's attachment; used by {@link ErrorRecoveryManager}. */
    interface TransitionSink {
        void onTransition(BreakerTransition transition, Object attachment);
    }

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    private final String name;
    private final CircuitBreakerConfig config;
    private final Clock clock;
    private final BreakerStateStore store;
    private final List<BreakerListener> listeners;
    private final boolean rateMode;
    private final Object lock = new Object();

    private volatile State state = State.CLOSED;
    private volatile int consecutiveFailures;
    // guarded by lock
    private int failureCount;
    private int successCount;
    private int trialCalls;
    private Instant openedAt;
    private volatile Instant nextTrialAt;
    private Instant updatedAt;
    // failure-rate window (ring buffer); guarded by lock
    private final boolean[] window;
    private int windowNext;
    private int windowSize;

    CircuitBreaker(String name, CircuitBreakerConfig config, Clock clock, BreakerStateStore store,
                   List<BreakerListener> listeners) {
        this.name = name;
        this.config = config;
        this.clock = clock;
        this.store = store;
        this.listeners = listeners;
        this.rateMode = config.mode() == CircuitBreakerConfig.Mode.FAILURE_RATE;
        this.window = rateMode ? new boolean[config.slidingWindowSize()] : new boolean[0];
        loadFromStore().ifPresent(s -> {
            synchronized (lock) {
                adopt(s);
            }
        });
    }

    /** The breaker's name: the dependency it protects. */
    public String name() {
        return name;
    }

    /** Its configuration. */
    public CircuitBreakerConfig config() {
        return config;
    }

    /**
     * The current state. An open breaker whose open duration has elapsed still reports OPEN until the next
     * permission check moves it to HALF_OPEN.
     */
    public State state() {
        return state;
    }

    /** When an open breaker will let a trial call through; empty when not open. */
    public Optional<Instant> nextTrialAt() {
        return state == State.OPEN ? Optional.ofNullable(nextTrialAt) : Optional.empty();
    }

    /** The current state with its counters, as it would be saved. */
    public BreakerState snapshot() {
        synchronized (lock) {
            return currentState(updatedAt == null ? clock.instant() : updatedAt);
        }
    }

    /**
     * Asks to make a call: always granted when CLOSED, refused when OPEN before the next trial time, granted to at
     * most {@code permittedTrialCalls} callers when HALF_OPEN. An OPEN breaker whose open duration has elapsed
     * moves to HALF_OPEN here.
     *
     * @return whether the call may be made; if so, report its outcome afterwards
     */
    public boolean tryAcquirePermission() {
        return tryAcquirePermission(null, null);
    }

    /** Reports that a permitted call succeeded. */
    public void onSuccess() {
        onSuccess(null, null);
    }

    /** Reports that a permitted call failed in a way that says the dependency is in trouble. */
    public void onFailure() {
        onFailure(null, null);
    }

    /**
     * Reports that a permitted call ended with an outcome that says nothing about the dependency (for example a
     * bad record rejected before reaching it): nothing is counted and a half-open trial slot is given back.
     */
    public void releasePermission() {
        if (state != State.HALF_OPEN) {
            return;
        }
        synchronized (lock) {
            if (state == State.HALF_OPEN && trialCalls > 0) {
                trialCalls--;
            }
        }
    }

    boolean tryAcquirePermission(TransitionSink sink, Object attachment) {
        if (state == State.CLOSED) {
            return true;
        }
        BreakerTransition transition = null;
        boolean permitted;
        synchronized (lock) {
            switch (state) {
                case CLOSED -> permitted = true;
                case OPEN -> {
                    Instant now = clock.instant();
                    if (now.isBefore(nextTrialAt)) {
                        permitted = false;
                    } else {
                        transition = transition(State.HALF_OPEN, now, "open for " + Durations.format(config.openDuration())
                                + ", letting " + config.permittedTrialCalls() + " trial call(s) through");
                        permitted = takeTrial();
                    }
                }
                case HALF_OPEN -> permitted = takeTrial();
                default -> throw new IllegalStateException(String.valueOf(state));
            }
        }
        publish(transition, sink, attachment);
        return permitted;
    }

    void onSuccess(TransitionSink sink, Object attachment) {
        State s = state;
        if (s == State.CLOSED && !rateMode && consecutiveFailures == 0) {
            return;
        }
        if (s == State.OPEN) {
            return;
        }
        BreakerTransition transition = null;
        synchronized (lock) {
            switch (state) {
                case CLOSED -> {
                    consecutiveFailures = 0;
                    if (rateMode) {
                        record(false);
                    }
                }
                case HALF_OPEN -> {
                    consecutiveFailures = 0;
                    successCount++;
                    if (successCount >= config.permittedTrialCalls()) {
                        transition = transition(State.CLOSED, clock.instant(),
                                successCount + " trial call(s) succeeded");
                    }
                }
                default -> {
                    // OPEN: a late result of a call that started before the breaker opened
                }
            }
        }
        publish(transition, sink, attachment);
    }

    void onFailure(TransitionSink sink, Object attachment) {
        if (state == State.OPEN) {
            return;
        }
        BreakerTransition transition = null;
        synchronized (lock) {
            switch (state) {
                case CLOSED -> {
                    consecutiveFailures++;
                    if (rateMode) {
                        record(true);
                        if (windowSize >= config.minimumCalls()) {
                            double rate = failureCount * 100.0 / windowSize;
                            if (rate >= config.failureRateThreshold()) {
                                transition = transition(State.OPEN, clock.instant(), String.format(
                                        java.util.Locale.ROOT, "%d of the last %d calls failed (%.1f%% >= %s%%)",
                                        failureCount, windowSize, rate, config.failureRateThreshold()));
                            }
                        }
                    } else {
                        failureCount++;
                        if (consecutiveFailures >= config.failureThreshold()) {
                            transition = transition(State.OPEN, clock.instant(),
                                    consecutiveFailures + " consecutive failures");
                        }
                    }
                }
                case HALF_OPEN -> {
                    consecutiveFailures++;
                    failureCount++;
                    transition = transition(State.OPEN, clock.instant(), "trial call failed");
                }
                default -> {
                    // OPEN: ignored
                }
            }
        }
        publish(transition, sink, attachment);
    }

    /** Re-reads the store and adopts a state saved after this breaker's own last change (by another run). */
    void reload() {
        Optional<BreakerState> loaded = loadFromStore();
        if (loaded.isEmpty()) {
            return;
        }
        BreakerState s = loaded.get();
        BreakerTransition transition = null;
        synchronized (lock) {
            if (updatedAt != null && !s.updatedAt().isAfter(updatedAt)) {
                return;
            }
            State before = state;
            int cf = consecutiveFailures;
            int fc = failureCount;
            int sc = successCount;
            adopt(s);
            if (before != state) {
                transition = new BreakerTransition(name, before, state, s.updatedAt(),
                        "state changed in the store (by another run)", cf, fc, sc);
            }
        }
        publish(transition, null, null);
    }

    // --- internals, all called with the lock held unless noted

    private boolean takeTrial() {
        if (trialCalls < config.permittedTrialCalls()) {
            trialCalls++;
            return true;
        }
        return false;
    }

    private void record(boolean failed) {
        if (windowSize == window.length) {
            if (window[windowNext]) {
                failureCount--;
            } else {
                successCount--;
            }
        } else {
            windowSize++;
        }
        window[windowNext] = failed;
        windowNext = (windowNext + 1) % window.length;
        if (failed) {
            failureCount++;
        } else {
            successCount++;
        }
    }

    private BreakerTransition transition(State to, Instant now, String reason) {
        State from = state;
        BreakerTransition t = new BreakerTransition(name, from, to, now, reason, consecutiveFailures, failureCount,
                successCount);
        switch (to) {
            case OPEN -> {
                openedAt = now;
                nextTrialAt = now.plus(config.openDuration());
                trialCalls = 0;
            }
            case HALF_OPEN -> {
                nextTrialAt = null;
                trialCalls = 0;
                failureCount = 0;
                successCount = 0;
            }
            case CLOSED -> {
                nextTrialAt = null;
                trialCalls = 0;
                failureCount = 0;
                successCount = 0;
                consecutiveFailures = 0;
                windowSize = 0;
                windowNext = 0;
            }
            default -> throw new IllegalStateException(String.valueOf(to));
        }
        updatedAt = now;
        state = to;
        save(currentState(now));
        return t;
    }

    private BreakerState currentState(Instant at) {
        return new BreakerState(name, state, consecutiveFailures, failureCount, successCount, trialCalls, openedAt,
                state == State.OPEN ? nextTrialAt : null, at);
    }

    private void adopt(BreakerState s) {
        consecutiveFailures = s.consecutiveFailures();
        openedAt = s.openedAt();
        updatedAt = s.updatedAt();
        // trials in flight belonged to the process that saved the state: they will never report here
        trialCalls = 0;
        windowSize = 0;
        windowNext = 0;
        switch (s.state()) {
            case OPEN -> {
                failureCount = s.failureCount();
                successCount = s.successCount();
                nextTrialAt = s.nextTrialAt();
            }
            case HALF_OPEN -> {
                failureCount = 0;
                successCount = s.successCount();
                nextTrialAt = null;
            }
            case CLOSED -> {
                failureCount = rateMode ? 0 : s.failureCount();
                successCount = 0;
                nextTrialAt = null;
            }
            default -> throw new IllegalStateException(String.valueOf(s.state()));
        }
        state = s.state();
    }

    private Optional<BreakerState> loadFromStore() {
        try {
            return store.load(name);
        } catch (RuntimeException e) {
            LOG.warn("circuit breaker '{}': could not load its state from {}, starting from memory: {}", name, store,
                    e.toString());
            return Optional.empty();
        }
    }

    private void save(BreakerState s) {
        try {
            store.save(s);
        } catch (RuntimeException e) {
            LOG.warn("circuit breaker '{}': could not save its state ({}) to {}: {}", name, s.state(), store,
                    e.toString());
        }
    }

    /** Called without the lock. */
    private void publish(BreakerTransition t, TransitionSink sink, Object attachment) {
        if (t == null) {
            return;
        }
        LOG.info("circuit breaker '{}': {} -> {} ({})", name, t.from(), t.to(), t.reason());
        for (BreakerListener l : listeners) {
            try {
                l.onTransition(t);
            } catch (RuntimeException e) {
                LOG.warn("circuit breaker '{}': listener {} failed on {} -> {}; ignored", name, l, t.from(), t.to(), e);
            }
        }
        if (sink != null) {
            try {
                sink.onTransition(t, attachment);
            } catch (RuntimeException e) {
                LOG.warn("circuit breaker '{}': transition handler failed; ignored", name, e);
            }
        }
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + state + "]";
    }
}
