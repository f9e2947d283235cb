package io.etlrecovery.health;

import io.etlrecovery.internal.Fmt;
import io.etlrecovery.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks a run needs to pass before it starts: at least {@code minFreeDisk} free on the store's volume (default
 * 1 GiB, setting {@code health.minFreeDisk}) and at least {@code minAvailableMemory} of memory available (default
 * 256 MiB, setting {@code health.minAvailableMemory}). A value the operating system does not tell is not held
 * against the run. Immutable and thread-safe; made by {@link #builder()}, whose setters validate at once.
 */
public final class PreRunChecks {

    /** Default minimum free space on the store's volume: 1 GiB. */
    public static final long DEFAULT_MIN_FREE_DISK = 1L << 30;
    /** Default minimum available memory: 256 MiB. */
    public static final long DEFAULT_MIN_AVAILABLE_MEMORY = 256L << 20;

    private static final PreRunChecks DEFAULTS = builder().build();

    private final long minFreeDisk;
    private final long minAvailableMemory;
    private final ResourceProbe probe;

    private PreRunChecks(Builder b) {
        this.minFreeDisk = b.minFreeDisk;
        this.minAvailableMemory = b.minAvailableMemory;
        this.probe = b.probe;
    }

    /** 1 GiB free disk, 256 MiB available memory, measured by {@link ResourceProbe#system()}. */
    public static PreRunChecks defaults() {
        return DEFAULTS;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The minimum free space on the store's volume, in bytes. */
    public long minFreeDisk() {
        return minFreeDisk;
    }

    /** The minimum available memory, in bytes. */
    public long minAvailableMemory() {
        return minAvailableMemory;
    }

    /** The probe that measures. */
    public ResourceProbe probe() {
        return probe;
    }

    /** Measures and returns the checks that fail for a run on {@code store}; empty when it may start. */
    public List<HealthProblem> check(Store store) {
        return check(HealthSampler.volumeOf(store));
    }

    /** Measures and returns the checks that fail with {@code volume} as the store's volume. */
    public List<HealthProblem> check(Path volume) {
        Resources r = probe.measure(volume);
        return evaluate(volume, r == null ? Resources.UNKNOWN : r);
    }

    /** The checks that fail for resources already measured. */
    public List<HealthProblem> evaluate(Path volume, Resources r) {
        List<HealthProblem> problems = new ArrayList<>(2);
        if (r.diskFreeBytes() != null && r.diskFreeBytes() < minFreeDisk) {
            problems.add(new HealthProblem("disk", r.diskFreeBytes(), minFreeDisk, "Only "
                    + Fmt.bytes(r.diskFreeBytes()) + " free on " + volume + " (the store's volume); at least "
                    + Fmt.bytes(minFreeDisk) + " is required. Free space or lower health.minFreeDisk."));
        }
        if (r.memoryAvailableBytes() != null && r.memoryAvailableBytes() < minAvailableMemory) {
            problems.add(new HealthProblem("memory", r.memoryAvailableBytes(), minAvailableMemory, "Only "
                    + Fmt.bytes(r.memoryAvailableBytes()) + " of memory available; at least "
                    + Fmt.bytes(minAvailableMemory) + " is required. Stop other programs or lower "
                    + "health.minAvailableMemory."));
        }
        return problems;
    }

    /**
     * Measures and refuses a run that must not start.
     *
     * @throws PreRunCheckException naming every failed check, its numbers and what to do
     */
    public void verify(Store store) {
        verify(HealthSampler.volumeOf(store));
    }

    /**
     * Measures and refuses a run that must not start, with {@code volume} as the store's volume.
     *
     * @throws PreRunCheckException naming every failed check, its numbers and what to do
     */
    public void verify(Path volume) {
        List<HealthProblem> problems = check(volume);
        if (!problems.isEmpty()) throw new PreRunCheckException(problems);
    }

    @Override
    public String toString() {
        return "PreRunChecks[minFreeDisk=" + Fmt.bytes(minFreeDisk) + ", minAvailableMemory="
                + Fmt.bytes(minAvailableMemory) + "]";
    }

    /** Builds {@link PreRunChecks}; setters validate at once. Not thread-safe. */
    public static final class Builder {
        private long minFreeDisk = DEFAULT_MIN_FREE_DISK;
        private long minAvailableMemory = DEFAULT_MIN_AVAILABLE_MEMORY;
        private ResourceProbe probe = ResourceProbe.system();

        private Builder() {
        }

        /** Minimum free space on the store's volume in bytes (default 1 GiB); 0 turns the check off. */
        public Builder minFreeDisk(long bytes) {
            if (bytes < 0) throw new IllegalArgumentException("minFreeDisk must be >= 0 bytes, was " + bytes);
            this.minFreeDisk = bytes;
            return this;
        }

        /** Minimum available memory in bytes (default 256 MiB); 0 turns the check off. */
        public Builder minAvailableMemory(long bytes) {
            if (bytes < 0) throw new IllegalArgumentException("minAvailableMemory must be >= 0 bytes, was " + bytes);
            this.minAvailableMemory = bytes;
            return this;
        }

        /** What measures (default {@link ResourceProbe#system()}). */
        public Builder probe(ResourceProbe probe) {
            this.probe = Objects.requireNonNull(probe, "probe");
            return this;
        }

        public PreRunChecks build() {
            return new PreRunChecks(this);
        }
    }
}
