package io.etlrecovery.health;

import io.etlrecovery.internal.Fmt;
import io.etlrecovery.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Is this store and machine fit to run pipelines? Reports, each with a status: {@code store} (it answers a
 * query: FAILED otherwise), {@code schema} (its version), {@code disk} and {@code memory} (FAILED below the
 * {@link PreRunChecks} minimums, since a run would be refused; WARNING below twice the minimum), {@code heap}
 * and {@code file descriptors} (WARNING above 90% used), {@code cpu} (WARNING above 95% load). The overall status
 * is the worst. A reachable store also gets the snapshot as a CHECK row of SYSTEM_HEALTH (best effort).
 * Immutable and thread-safe.
 */
public final class HealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(HealthCheck.class);

    private final Store store;
    private final PreRunChecks limits;
    private final HealthSampler sampler;

    private HealthCheck(Store store, PreRunChecks limits, HealthSampler sampler) {
        this.store = Objects.requireNonNull(store, "store");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
    }

    /** The default limits, measured by the system probe. */
    public static HealthCheck of(Store store) {
        return of(store, PreRunChecks.defaults(), Clock.systemUTC());
    }

    /** {@code limits}' minimums, measured by {@code limits}' probe, timed by {@code clock}. */
    public static HealthCheck of(Store store, PreRunChecks limits, Clock clock) {
        return new HealthCheck(store, limits, HealthSampler.of(limits.probe(), clock));
    }

    /** Checks now. */
    public HealthReport run() {
        List<HealthItem> items = new ArrayList<>();
        boolean reachable = store.isReachable();
        items.add(new HealthItem("store", reachable ? HealthStatus.OK : HealthStatus.FAILED, reachable
                ? store.describe() + " answers"
                : store.describe() + " does not answer. Check that the database is running and reachable, and the URL."));
        items.add(new HealthItem("schema", HealthStatus.OK, "version " + store.schemaVersion()));

        HealthSnapshot snap = sampler.sample(store);
        Resources r = snap.resources();
        List<HealthProblem> problems = limits.evaluate(snap.volume(), r);
        items.add(space("disk", problems, r.diskFreeBytes(), r.diskTotalBytes(), limits.minFreeDisk(),
                " free of " + (r.diskTotalBytes() == null ? "?" : Fmt.bytes(r.diskTotalBytes())) + " on "
                        + snap.volume() + " (the store's volume)"));
        items.add(space("memory", problems, r.memoryAvailableBytes(), r.memoryTotalBytes(), limits.minAvailableMemory(),
                " available of " + (r.memoryTotalBytes() == null ? "?" : Fmt.bytes(r.memoryTotalBytes()))));
        items.add(usage("heap", r.heapUsedBytes(), r.heapMaxBytes(), true,
                "Give the JVM more heap (-Xmx) or use smaller batches."));
        items.add(usage("file descriptors", r.openFileDescriptors(), r.maxFileDescriptors(), false,
                "Raise the limit (ulimit -n) or close files."));
        if (r.cpuLoad() == null) {
            items.add(new HealthItem("cpu", HealthStatus.OK, "load not reported by the operating system"));
        } else {
            boolean busy = r.cpuLoad() > 0.95;
            items.add(new HealthItem("cpu", busy ? HealthStatus.WARNING : HealthStatus.OK, "load "
                    + percent(r.cpuLoad()) + (busy ? ": the machine is saturated; runs will be slow." : "")));
        }
        HealthStatus overall = HealthStatus.OK;
        for (HealthItem i : items) overall = overall.worst(i.status());
        if (reachable) {
            try {
                store.useTransaction(s -> s.health().insert(HealthSampler.toRow(snap, null, HealthPhase.CHECK)));
            } catch (RuntimeException e) {
                LOG.debug("Health snapshot not stored: {}", e.toString());
            }
        }
        return new HealthReport(snap.takenAt(), overall, store.describe(), store.schemaVersion(), items, snap);
    }

    private static HealthItem space(String name, List<HealthProblem> problems, Long value, Long total, long min,
                                    String suffix) {
        for (HealthProblem p : problems) {
            if (p.check().equals(name)) return new HealthItem(name, HealthStatus.FAILED, p.message());
        }
        if (value == null) return new HealthItem(name, HealthStatus.OK, "not reported by the operating system");
        boolean low = min > 0 && value < 2 * min;
        return new HealthItem(name, low ? HealthStatus.WARNING : HealthStatus.OK, Fmt.bytes(value) + suffix
                + (low ? "; runs need at least " + Fmt.bytes(min) + ", so this is getting close." : ""));
    }

    private static HealthItem usage(String name, Long used, Long max, boolean bytes, String advice) {
        if (used == null) return new HealthItem(name, HealthStatus.OK, "not reported by the operating system");
        String u = bytes ? Fmt.bytes(used) : String.valueOf(used);
        if (max == null || max <= 0) return new HealthItem(name, HealthStatus.OK, u + " used");
        double share = (double) used / max;
        boolean high = share > 0.9;
        return new HealthItem(name, high ? HealthStatus.WARNING : HealthStatus.OK, u + " of "
                + (bytes ? Fmt.bytes(max) : String.valueOf(max)) + " used (" + percent(share) + ")"
                + (high ? ". " + advice : ""));
    }

    private static String percent(double share) {
        String n = String.format(java.util.Locale.ROOT, "%.1f", share * 100);
        if (n.endsWith(".0")) n = n.substring(0, n.length() - 2);
        return n + "%";
    }
}
