package io.etlrecovery.recovery;

import java.time.Duration;

/**
 * Waits for a while. Injected wherever the recovery code waits (retry backoff, waiting for a circuit breaker to
 * half-open) so that tests can advance a manual clock instead of really sleeping.
 *
 * <p>Implementations must return at once for a zero or negative duration and must throw
 * {@link InterruptedException} (not swallow it) when the waiting thread is interrupted.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for {@code duration}.
     *
     * @param duration how long to wait; zero or negative means not at all
     * @throws InterruptedException if the thread was interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /** The real thing: {@link Thread#sleep(long, int)}, with nanosecond resolution where the platform has it. */
    static Sleeper system() {
        return duration -> {
            if (duration.isZero() || duration.isNegative()) {
                return;
            }
            long nanos = duration.toNanos();
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        };
    }
}
