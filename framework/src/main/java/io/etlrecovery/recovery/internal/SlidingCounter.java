package io.etlrecovery.recovery.internal;

/**
 * Success and failure counts over a sliding time window, kept in a fixed ring of time buckets: O(1) amortised per
 * update, constant memory. The window covers the current bucket and the {@code buckets − 1} before it, so it spans
 * between {@code window − window/buckets} and {@code window}. Not thread-safe.
 */
public final class SlidingCounter {

    private final long bucketMillis;
    private final long[] successes;
    private final long[] failures;
    private long currentBucket = Long.MIN_VALUE;
    private long totalSuccesses;
    private long totalFailures;

    /**
     * @param windowMillis the window, at least 1 ms
     * @param buckets      the resolution: the number of buckets, at least 1
     */
    public SlidingCounter(long windowMillis, int buckets) {
        if (windowMillis < 1 || buckets < 1) {
            throw new IllegalArgumentException("windowMillis and buckets must be >= 1");
        }
        int n = (int) Math.min(buckets, windowMillis);
        this.bucketMillis = Math.max(1, windowMillis / n);
        this.successes = new long[n];
        this.failures = new long[n];
    }

    /** Adds counts at time {@code nowMillis}; a time before the latest seen counts in the latest bucket. */
    public void add(long nowMillis, long successDelta, long failureDelta) {
        advance(nowMillis);
        int slot = slot(currentBucket);
        successes[slot] += successDelta;
        failures[slot] += failureDelta;
        totalSuccesses += successDelta;
        totalFailures += failureDelta;
    }

    /** Drops the buckets that left the window at {@code nowMillis}. */
    public void advance(long nowMillis) {
        long bucket = Math.floorDiv(nowMillis, bucketMillis);
        if (currentBucket == Long.MIN_VALUE) {
            currentBucket = bucket;
            return;
        }
        if (bucket <= currentBucket) {
            return;
        }
        long steps = Math.min(successes.length, bucket - currentBucket);
        for (long i = 1; i <= steps; i++) {
            int slot = slot(currentBucket + i);
            totalSuccesses -= successes[slot];
            totalFailures -= failures[slot];
            successes[slot] = 0;
            failures[slot] = 0;
        }
        currentBucket = bucket;
    }

    /** Successes in the window, as of the last {@link #add} or {@link #advance}. */
    public long successes() {
        return totalSuccesses;
    }

    /** Failures in the window, as of the last {@link #add} or {@link #advance}. */
    public long failures() {
        return totalFailures;
    }

    private int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) successes.length);
    }
}
