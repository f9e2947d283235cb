package io.etlrecovery.recovery;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.etlrecovery.recovery.TestSupport.fixedRandom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    @Test
    void defaultsAreFiveAttemptsWithinFiveMinutesWithJitteredExponentialBackoff() {
        RetryPolicy p = RetryPolicy.defaults();
        assertEquals(5, p.maxAttempts());
        assertEquals(Duration.ofMinutes(5), p.maxDuration());
        // with a random of 0.5 the ±25% jitter is neutral: 1 s, 2 s, 4 s, 8 s
        assertEquals(Duration.ofSeconds(1), p.delayBefore(1, fixedRandom(0.5)));
        assertEquals(Duration.ofSeconds(2), p.delayBefore(2, fixedRandom(0.5)));
        assertEquals(Duration.ofSeconds(4), p.delayBefore(3, fixedRandom(0.5)));
        assertEquals(Duration.ofSeconds(8), p.delayBefore(4, fixedRandom(0.5)));
        assertEquals(Duration.ofMillis(750), p.delayBefore(1, fixedRandom(0.0)));
    }

    @Test
    void noneMakesASingleAttempt() {
        assertEquals(1, RetryPolicy.none().maxAttempts());
        assertFalse(RetryPolicy.none().retries());
        assertFalse(RetryPolicy.none().allowsAnotherAttempt(1, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void anotherAttemptIsAllowedOnlyWithinBothBounds() {
        RetryPolicy p = RetryPolicy.builder().maxAttempts(3).maxDuration(Duration.ofSeconds(10)).build();
        assertTrue(p.allowsAnotherAttempt(1, Duration.ZERO, Duration.ofSeconds(1)));
        assertTrue(p.allowsAnotherAttempt(2, Duration.ofSeconds(5), Duration.ofSeconds(5)), "ending exactly at the bound");
        assertFalse(p.allowsAnotherAttempt(3, Duration.ZERO, Duration.ZERO), "attempts exhausted");
        assertFalse(p.allowsAnotherAttempt(1, Duration.ofSeconds(6), Duration.ofSeconds(5)),
                "a delay that would pass maxDuration ends the retries");
        assertFalse(p.allowsAnotherAttempt(1, Duration.ofSeconds(11), Duration.ZERO), "time exhausted");
    }

    @Test
    void invalidValuesAreRefusedAtOnceNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RetryPolicy.builder().maxAttempts(0));
        assertEquals("maxAttempts must be >= 1, was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().maxDuration(Duration.ZERO));
        assertEquals("maxDuration must be > 0, was PT0S", e.getMessage());
        assertThrows(NullPointerException.class, () -> RetryPolicy.builder().backoff(null));
    }

    @Test
    void withMaxAttemptsKeepsTheOtherValuesAndLeavesTheOriginalUnchanged() {
        RetryPolicy p = RetryPolicy.builder().maxDuration(Duration.ofSeconds(30))
                .backoff(Backoff.fixed(Duration.ofMillis(10))).build();
        RetryPolicy q = p.withMaxAttempts(2);
        assertEquals(2, q.maxAttempts());
        assertEquals(Duration.ofSeconds(30), q.maxDuration());
        assertEquals(p.backoff(), q.backoff());
        assertEquals(5, p.maxAttempts());
    }

    @Test
    void describeSaysAttemptsBoundAndBackoff() {
        assertEquals("5 attempts within 5m, exponential 1s ×2 up to 1m, ±25% jitter", RetryPolicy.defaults().describe());
        assertEquals("1 attempt (no retry)", RetryPolicy.none().describe());
    }
}
