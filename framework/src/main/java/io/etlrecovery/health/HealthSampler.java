package io.etlrecovery.health;

import io.etlrecovery.store.HealthRow;
import io.etlrecovery.store.Store;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Takes {@link HealthSnapshot}s with a {@link ResourceProbe} and writes them into SYSTEM_HEALTH. The disk values
 * are those of the store's volume ({@link Store#directory()}), or of the working directory for a store that is not
 * an embedded file (e.g. PostgreSQL). Immutable and thread-safe.
 */
public final class HealthSampler {

    private static volatile String localHost;

    private final ResourceProbe probe;
    private final Clock clock;
    private final String host;

    private HealthSampler(ResourceProbe probe, Clock clock, String host) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.host = Objects.requireNonNull(host, "host");
    }

    /** The real probe ({@link ResourceProbe#system()}), the UTC system clock and this host's name. */
    public static HealthSampler system() {
        return new HealthSampler(ResourceProbe.system(), Clock.systemUTC(), localHost());
    }

    /** A sampler with its own probe and clock, on this host. */
    public static HealthSampler of(ResourceProbe probe, Clock clock) {
        return new HealthSampler(probe, clock, localHost());
    }

    /** The probe. */
    public ResourceProbe probe() {
        return probe;
    }

    /** The clock. */
    public Clock clock() {
        return clock;
    }

    /** Measures now, with disk values of {@code volume}. */
    public HealthSnapshot sample(Path volume) {
        Objects.requireNonNull(volume, "volume");
        Resources r = probe.measure(volume);
        return new HealthSnapshot(clock.instant(), host, volume, r == null ? Resources.UNKNOWN : r);
    }

    /** Measures now, with disk values of the store's volume. */
    public HealthSnapshot sample(Store store) {
        return sample(volumeOf(store));
    }

    /**
     * Measures now and writes the snapshot into SYSTEM_HEALTH.
     *
     * @param runId the run it belongs to, or {@code null}
     * @param phase why it was taken
     * @return the snapshot written
     */
    public HealthSnapshot record(Store store, Long runId, HealthPhase phase) {
        Objects.requireNonNull(phase, "phase");
        HealthSnapshot snap = sample(store);
        store.useTransaction(s -> s.health().insert(toRow(snap, runId, phase)));
        return snap;
    }

    /** The directory whose volume holds the store: its directory for an H2 file store, else the working directory. */
    public static Path volumeOf(Store store) {
        return store.directory().orElse(Path.of("").toAbsolutePath());
    }

    static HealthRow toRow(HealthSnapshot s, Long runId, HealthPhase phase) {
        Resources r = s.resources();
        return new HealthRow(null, runId, s.host(), phase.name(), r.cpuLoad(), r.memoryAvailableBytes(),
                r.memoryTotalBytes(), r.diskFreeBytes(), r.diskTotalBytes(), r.heapUsedBytes(), r.heapMaxBytes(),
                r.openFileDescriptors(), r.maxFileDescriptors(), s.takenAt());
    }

    private static String localHost() {
        String h = localHost;
        if (h == null) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                String env = System.getenv("HOSTNAME");
                h = env == null || env.isBlank() ? "localhost" : env;
            }
            if (h.length() > 255) h = h.substring(0, 255);
            localHost = h;
        }
        return h;
    }
}
