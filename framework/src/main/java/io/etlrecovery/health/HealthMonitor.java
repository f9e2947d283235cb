package io.etlrecovery.health;

import io.etlrecovery.store.Store;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a run's health snapshots into SYSTEM_HEALTH on a daemon thread of its own, so sampling never blocks the
 * pipeline: a RUN_START snapshot at once, a PERIODIC one every {@code every}, and a RUN_END one when closed.
 * A failing sample (an unreachable store, a probe error) is logged and skipped; the next one is tried on time.
 * {@link #close()} waits at most {@link #CLOSE_WAIT} for the RUN_END snapshot. Thread-safe.
 *
 * <pre>{@code
 * try (HealthMonitor m = HealthMonitor.start(store, runId, Duration.ofSeconds(30))) {
 *     ... run the pipeline ...
 * }
 * }</pre>
 */
public final class HealthMonitor implements AutoCloseable {

    /** The longest {@link #close()} waits for the final snapshot: 5 seconds. */
    public static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final HealthSampler sampler;
    private final Store store;
    private final Long runId;
    private final ScheduledExecutorService executor;
    private final ScheduledFuture<?> periodic;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;

    private HealthMonitor(HealthSampler sampler, Store store, Long runId, Duration every) {
        this.sampler = sampler;
        this.store = store;
        this.runId = runId;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "etl-health-monitor" + (runId == null ? "" : "-run-" + runId));
            t.setDaemon(true);
            return t;
        });
        executor.execute(() -> sampleQuietly(HealthPhase.RUN_START));
        long nanos = every.toNanos();
        this.periodic = executor.scheduleAtFixedRate(() -> sampleQuietly(HealthPhase.PERIODIC), nanos, nanos,
                TimeUnit.NANOSECONDS);
    }

    /** Starts monitoring a run with the system probe; see the class comment. */
    public static HealthMonitor start(Store store, Long runId, Duration every) {
        return start(HealthSampler.system(), store, runId, every);
    }

    /**
     * Starts monitoring with {@code sampler}.
     *
     * @param runId the run the snapshots belong to, or {@code null}
     * @param every the period of the PERIODIC snapshots, at least 1 millisecond
     */
    public static HealthMonitor start(HealthSampler sampler, Store store, Long runId, Duration every) {
        Objects.requireNonNull(sampler, "sampler");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(every, "every");
        if (every.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("every must be at least 1 ms, was " + every);
        }
        return new HealthMonitor(sampler, store, runId, every);
    }

    /** Snapshots written so far. */
    public long samplesWritten() {
        return written.get();
    }

    /** Samples that failed so far. */
    public long samplesFailed() {
        return failed.get();
    }

    /** Stops the periodic snapshots and writes the RUN_END one (waiting at most {@link #CLOSE_WAIT}). Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        periodic.cancel(false);
        try {
            Future<?> last = executor.submit(() -> sampleQuietly(HealthPhase.RUN_END));
            last.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("The final health snapshot did not complete: {}", e.toString());
        } finally {
            executor.shutdownNow();
        }
    }

    private void sampleQuietly(HealthPhase phase) {
        try {
            sampler.record(store, runId, phase);
            written.incrementAndGet();
        } catch (RuntimeException | LinkageError e) {
            long n = failed.incrementAndGet();
            if (n == 1) LOG.warn("Health snapshot ({}) failed: {}; later failures are logged at debug", phase, e.toString());
            else LOG.debug("Health snapshot ({}) failed: {}", phase, e.toString());
        }
    }
}
