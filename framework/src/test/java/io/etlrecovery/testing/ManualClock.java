package io.etlrecovery.testing;

import io.etlrecovery.recovery.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Clock} that only moves when told to, for tests: {@link #advance(Duration)} moves it, and its
 * {@link #sleeper()} "sleeps" by advancing it (and records each sleep), so code under test that waits never
 * really sleeps. Thread-safe.
 */
public final class ManualClock extends Clock {

    /** The default start: 2025-01-01T00:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

    private final Object lock = new Object();
    private final ZoneId zone;
    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    /** A clock at {@link #DEFAULT_START} in UTC. */
    public ManualClock() {
        this(DEFAULT_START);
    }

    /** A clock at {@code start} in UTC. */
    public ManualClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    private ManualClock(Instant start, ZoneId zone) {
        this.now = Objects.requireNonNull(start, "start");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public Instant instant() {
        synchronized (lock) {
            return now;
        }
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A clock sharing nothing with this one but its current instant, in {@code zone}. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new ManualClock(instant(), zone);
    }

    /**
     * Moves the clock forward.
     *
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must be >= 0, was " + duration);
        }
        synchronized (lock) {
            now = now.plus(duration);
        }
    }

    /** Sets the clock to {@code instant} (may move it back, to test clock skew). */
    public void set(Instant instant) {
        synchronized (lock) {
            now = Objects.requireNonNull(instant, "instant");
        }
    }

    /** A sleeper that advances this clock by the requested duration at once and records it. */
    public Sleeper sleeper() {
        return duration -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted before sleeping");
            }
            synchronized (lock) {
                sleeps.add(duration);
                if (!duration.isNegative()) {
                    now = now.plus(duration);
                }
            }
        };
    }

    /** The durations passed to {@link #sleeper()}, in order. */
    public List<Duration> sleeps() {
        synchronized (lock) {
            return List.copyOf(sleeps);
        }
    }

    /** The sum of {@link #sleeps()}. */
    public Duration totalSlept() {
        synchronized (lock) {
            return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
        }
    }

    @Override
    public String toString() {
        return "ManualClock[" + instant() + "]";
    }
}
