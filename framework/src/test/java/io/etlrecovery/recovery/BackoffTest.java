package io.etlrecovery.recovery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static io.etlrecovery.recovery.TestSupport.fixedRandom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {

    private static final RandomGenerator ANY = fixedRandom(0.3);

    @Test
    void fixedBackoffWaitsTheSameBeforeEveryRetry() {
        Backoff b = Backoff.fixed(Duration.ofMillis(500));
        for (int retry = 1; retry <= 10; retry++) {
            assertEquals(Duration.ofMillis(500), b.delayBefore(retry, ANY));
        }
    }

    @Test
    void exponentialBackoffMultipliesTheDelayAndStopsAtTheMaximum() {
        Backoff b = Backoff.exponential(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60));
        assertEquals(Duration.ofSeconds(1), b.delayBefore(1, ANY));
        assertEquals(Duration.ofSeconds(2), b.delayBefore(2, ANY));
        assertEquals(Duration.ofSeconds(4), b.delayBefore(3, ANY));
        assertEquals(Duration.ofSeconds(32), b.delayBefore(6, ANY));
        assertEquals(Duration.ofSeconds(60), b.delayBefore(7, ANY));
        assertEquals(Duration.ofSeconds(60), b.delayBefore(1000, ANY), "no overflow for large retry numbers");
    }

    @Test
    void exponentialBackoffAcceptsAFractionalMultiplier() {
        Backoff b = Backoff.exponential(Duration.ofMillis(100), 1.5, Duration.ofSeconds(10));
        assertEquals(Duration.ofMillis(150), b.delayBefore(2, ANY));
        assertEquals(Duration.ofMillis(225), b.delayBefore(3, ANY));
    }

    @Test
    void fullJitterScalesTheDelayByTheRandomNumber() {
        Backoff b = Backoff.exponential(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60)).withJitter(Jitter.full());
        assertEquals(Duration.ofSeconds(2), b.delayBefore(3, fixedRandom(0.5)));
        assertEquals(Duration.ZERO, b.delayBefore(3, fixedRandom(0.0)));
        assertEquals(Duration.ofMillis(3000), b.delayBefore(3, fixedRandom(0.75)));
    }

    @Test
    void proportionalJitterMovesTheDelayAtMostTheFractionEitherWay() {
        Backoff b = Backoff.fixed(Duration.ofSeconds(4)).withJitter(Jitter.proportional(0.25));
        assertEquals(Duration.ofSeconds(3), b.delayBefore(1, fixedRandom(0.0)));
        assertEquals(Duration.ofSeconds(4), b.delayBefore(1, fixedRandom(0.5)));
        assertEquals(Duration.ofMillis(4500), b.delayBefore(1, fixedRandom(0.75)));
    }

    @Test
    void jitterNeverExceedsTheMaximumDelay() {
        Backoff b = Backoff.exponential(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60))
                .withJitter(Jitter.proportional(0.25));
        // 64 s before jitter is capped to 60 s; +25% would be 75 s: still capped
        assertEquals(Duration.ofSeconds(60), b.delayBefore(7, fixedRandom(0.999)));
        // below the cap jitter works normally: a random of 0.75 gives 32 s × 1.125 = 36 s
        assertEquals(Duration.ofSeconds(36), b.delayBefore(6, fixedRandom(0.75)));
        // 16 s × 1.25 = 20 s, ×0.75 = 12 s
        assertEquals(Duration.ofSeconds(12), b.delayBefore(5, fixedRandom(0.0)));
    }

    @Test
    void jitteredDelaysStayWithinBoundsForManyRandomNumbers() {
        Backoff b = Backoff.exponential(Duration.ofMillis(10), 3.0, Duration.ofSeconds(5))
                .withJitter(Jitter.proportional(1.0));
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            Duration d = b.delayBefore(1 + i % 12, random);
            assertTrue(!d.isNegative() && d.compareTo(Duration.ofSeconds(5)) <= 0, d::toString);
        }
    }

    @Test
    void invalidParametersAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backoff.exponential(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(10)));
        assertEquals("multiplier must be >= 1, was 0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Backoff.exponential(Duration.ofSeconds(10), 2, Duration.ofSeconds(1)));
        assertEquals("maxDelay must be >= initialDelay (10s), was 1s", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Backoff.fixed(Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().startsWith("delay must be >= 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Jitter.proportional(1.5));
        assertEquals("jitter fraction must be > 0 and <= 1, was 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Backoff.fixed(Duration.ofSeconds(1)).delayBefore(0, ANY));
        assertEquals("retryNumber must be >= 1, was 0", e.getMessage());
    }

    @Test
    void backoffsDescribeThemselves() {
        assertEquals("exponential 1s ×2 up to 1m, ±25% jitter", RetryPolicy.DEFAULT_BACKOFF.toString());
        assertEquals("fixed 500ms, full jitter", Backoff.fixed(Duration.ofMillis(500)).withJitter(Jitter.full())
                .toString());
    }
}
