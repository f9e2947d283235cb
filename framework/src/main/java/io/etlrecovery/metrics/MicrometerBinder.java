package io.etlrecovery.metrics;

import io.etlrecovery.report.BudgetReport;
import io.etlrecovery.report.Reports;
import io.etlrecovery.store.BreakerRow;
import io.etlrecovery.store.CheckpointRow;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreSession;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.IdentityHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exposes what the store records as Micrometer gauges (Micrometer is an optional dependency: add
 * {@code io.micrometer:micrometer-core} to use this class; nothing else in etl-recovery needs it).
 *
 * <table>
 *   <caption>Gauges</caption>
 *   <tr><th>name</th><th>tags</th><th>value</th></tr>
 *   <tr><td>{@code etl.pipelines}</td><td></td><td>pipelines that have run</td></tr>
 *   <tr><td>{@code etl.run.records.read}, {@code etl.run.records.loaded}, {@code etl.run.records.quarantined},
 *       {@code etl.run.retries}</td><td>pipeline</td><td>the counters of the pipeline's latest run (running or
 *       last finished), over all its resumes</td></tr>
 *   <tr><td>{@code etl.run.running}</td><td>pipeline</td><td>1 while the latest run is RUNNING, else 0</td></tr>
 *   <tr><td>{@code etl.step.records.processed}, {@code etl.step.records.loaded},
 *       {@code etl.step.records.quarantined}</td><td>pipeline, step</td><td>per step of the latest run, from its
 *       latest checkpoint</td></tr>
 *   <tr><td>{@code etl.breaker.state}</td><td>breaker, state (CLOSED, OPEN, HALF_OPEN)</td><td>1 for the
 *       breaker's current state, 0 for the others</td></tr>
 *   <tr><td>{@code etl.budget.remaining}</td><td>pipeline, sli (records, runs)</td><td>the share of the error
 *       budget left over the policy window (1 = 100%; negative when overspent)</td></tr>
 * </table>
 *
 * <p>Gauges read the store lazily: the first gauge read after the cache expired (default every 10 seconds)
 * reloads everything in one go, and the other gauges of that scrape use the loaded values, so a scrape costs a few
 * queries at most once per period. Pipelines, steps and breakers that appear later get their gauges at the next
 * reload. A failed reload keeps the previous values. Thread-safe.
 */
public final class MicrometerBinder implements MeterBinder {

    /** Default time the values are cached: 10 seconds. */
    public static final Duration DEFAULT_CACHE = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(MicrometerBinder.class);
    private static final List<String> BREAKER_STATES = List.of("CLOSED", "OPEN", "HALF_OPEN");
    /** Always registered, so that a scrape of an empty store still triggers the reloads that find new pipelines. */
    private static final String PIPELINES = key("etl.pipelines");

    private final Store store;
    private final Reports reports;
    private final Clock clock;
    private final Duration cacheFor;
    private final ReentrantLock loading = new ReentrantLock();
    private final Map<MeterRegistry, Set<String>> registered = new IdentityHashMap<>();
    private final List<MeterRegistry> registries = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Map<String, Double> values = Map.of();
    private volatile Instant loadedAt;
    private volatile int loads;

    /** Gauges over {@code store}, cached for {@link #DEFAULT_CACHE}, on the UTC system clock. */
    public MicrometerBinder(Store store) {
        this(store, Clock.systemUTC(), DEFAULT_CACHE);
    }

    /**
     * Gauges over {@code store}, cached for {@code cacheFor} as measured by {@code clock}.
     *
     * @throws IllegalArgumentException if {@code cacheFor} is negative
     */
    public MicrometerBinder(Store store, Clock clock, Duration cacheFor) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cacheFor = Objects.requireNonNull(cacheFor, "cacheFor");
        if (cacheFor.isNegative()) throw new IllegalArgumentException("cacheFor must be >= 0, was " + cacheFor);
        this.reports = Reports.on(store).clock(clock);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        registries.add(registry);
        refreshIfStale();
        register(registry, PIPELINES);
        for (String key : values.keySet()) register(registry, key);
    }

    /** How many times the store was read (for tests of the cache). */
    public int loads() {
        return loads;
    }

    private double value(String key) {
        refreshIfStale();
        Double v = values.get(key);
        return v == null ? Double.NaN : v;
    }

    private void refreshIfStale() {
        Instant now = clock.instant();
        Instant at = loadedAt;
        if (at != null && now.isBefore(at.plus(cacheFor))) return;
        if (!loading.tryLock()) return; // another thread is loading: use the values we have
        try {
            at = loadedAt;
            if (at != null && now.isBefore(at.plus(cacheFor))) return;
            try {
                Map<String, Double> fresh = load();
                values = fresh;
                loads++;
                for (MeterRegistry r : registries) for (String key : fresh.keySet()) register(r, key);
            } catch (RuntimeException e) {
                LOG.warn("Metrics could not be read from the store ({}); keeping the previous values", e.toString());
            }
            loadedAt = now;
        } finally {
            loading.unlock();
        }
    }

    private Map<String, Double> load() {
        Map<String, Double> v = new HashMap<>();
        store.withSession(s -> {
            loadRuns(s, v);
            return null;
        });
        for (BudgetReport b : reports.budgets()) {
            v.put(key("etl.budget.remaining", "pipeline", b.pipeline(), "sli", "records"), b.records().remaining());
            v.put(key("etl.budget.remaining", "pipeline", b.pipeline(), "sli", "runs"), b.runs().remaining());
        }
        return v;
    }

    private static void loadRuns(StoreSession s, Map<String, Double> v) {
        List<String> pipelines = s.runs().pipelines();
        v.put(PIPELINES, (double) pipelines.size());
        for (String pipeline : pipelines) {
            List<RunRow> latest = s.runs().list(pipeline, null, Instant.EPOCH, 1);
            if (latest.isEmpty()) continue;
            RunRow run = latest.get(0);
            v.put(key("etl.run.records.read", "pipeline", pipeline), (double) run.recordsRead());
            v.put(key("etl.run.records.loaded", "pipeline", pipeline), (double) run.recordsLoaded());
            v.put(key("etl.run.records.quarantined", "pipeline", pipeline), (double) run.recordsQuarantined());
            v.put(key("etl.run.retries", "pipeline", pipeline), (double) run.retries());
            v.put(key("etl.run.running", "pipeline", pipeline), "RUNNING".equals(run.status()) ? 1.0 : 0.0);
            for (CheckpointRow c : s.checkpoints().latestPerStep(run.runId())) {
                v.put(key("etl.step.records.processed", "pipeline", pipeline, "step", c.stepName()),
                        (double) c.recordsProcessed());
                v.put(key("etl.step.records.loaded", "pipeline", pipeline, "step", c.stepName()),
                        (double) c.recordsLoaded());
                v.put(key("etl.step.records.quarantined", "pipeline", pipeline, "step", c.stepName()),
                        (double) c.recordsQuarantined());
            }
        }
        for (BreakerRow b : s.breakers().all()) {
            for (String state : BREAKER_STATES) {
                v.put(key("etl.breaker.state", "breaker", b.breakerName(), "state", state),
                        state.equals(b.state()) ? 1.0 : 0.0);
            }
        }
    }

    private void register(MeterRegistry registry, String key) {
        synchronized (registered) {
            if (!registered.computeIfAbsent(registry, r -> ConcurrentHashMap.newKeySet()).add(key)) return;
        }
        String[] parts = key.split("\u0000", -1);
        Gauge.builder(parts[0], this, b -> b.value(key))
                .tags(Tags.of(java.util.Arrays.copyOfRange(parts, 1, parts.length)))
                .strongReference(true)
                .register(registry);
    }

    /** A gauge's identity: its name and tag pairs, joined by NUL (which no name or tag contains). */
    private static String key(String name, String... tags) {
        StringBuilder sb = new StringBuilder(name);
        for (String t : tags) sb.append('\u0000').append(t == null ? "" : t);
        return sb.toString();
    }
}
