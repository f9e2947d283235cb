package io.etlrecovery.runner;

import java.time.Duration;
import java.util.Objects;

/**
 * How one run is started. Immutable.
 *
 * @param mode        what to do about an unfinished run (default {@link RunMode#AUTO})
 * @param force       load input that a successful run already loaded (default false)
 * @param batchSize   records per batch for steps without their own checkpoint strategy, or {@code null} for the
 *                    runner's default (1,000)
 * @param maxDuration stop the run resumably after this long, or {@code null} for no limit
 */
public record RunOptions(RunMode mode, boolean force, Integer batchSize, Duration maxDuration) {

    public RunOptions {
        Objects.requireNonNull(mode, "mode");
        if (batchSize != null && batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        if (maxDuration != null && (maxDuration.isNegative() || maxDuration.isZero())) {
            throw new IllegalArgumentException("maxDuration must be positive, was " + maxDuration);
        }
    }

    public static RunOptions defaults() {
        return new RunOptions(RunMode.AUTO, false, null, null);
    }

    public RunOptions withMode(RunMode m) {
        return new RunOptions(m, force, batchSize, maxDuration);
    }

    public RunOptions withForce(boolean f) {
        return new RunOptions(mode, f, batchSize, maxDuration);
    }

    public RunOptions withBatchSize(Integer size) {
        return new RunOptions(mode, force, size, maxDuration);
    }

    public RunOptions withMaxDuration(Duration d) {
        return new RunOptions(mode, force, batchSize, d);
    }
}
