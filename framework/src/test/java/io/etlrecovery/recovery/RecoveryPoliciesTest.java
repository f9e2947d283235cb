package io.etlrecovery.recovery;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecoveryPoliciesTest {

    private final RecoveryPolicies defaults = RecoveryPolicies.defaults();

    @Test
    void transientFailuresAreRetriedByTheDefaultPolicyThenQuarantined() {
        CategoryPolicy p = defaults.get(ErrorCategory.TRANSIENT);
        assertEquals(RetryPolicy.defaults(), p.retry());
        assertEquals(OnExhausted.QUARANTINE, p.onExhausted());
        assertFalse(p.escalate());
    }

    @Test
    void dataFailuresAreQuarantinedWithoutRetry() {
        assertEquals(new CategoryPolicy(RetryPolicy.none(), OnExhausted.QUARANTINE, false),
                defaults.get(ErrorCategory.DATA));
    }

    @Test
    void configurationFailuresStopTheRunWithoutRetryAndEscalate() {
        assertEquals(new CategoryPolicy(RetryPolicy.none(), OnExhausted.STOP_RUN, true),
                defaults.get(ErrorCategory.CONFIGURATION));
    }

    @Test
    void systemFailuresAreRetriedOnceThenStopTheRunAndEscalate() {
        CategoryPolicy p = defaults.get(ErrorCategory.SYSTEM);
        assertEquals(2, p.retry().maxAttempts());
        assertEquals(OnExhausted.STOP_RUN, p.onExhausted());
        assertTrue(p.escalate());
    }

    @Test
    void unknownFailuresAreTriedThreeTimesThenQuarantined() {
        CategoryPolicy p = defaults.get(ErrorCategory.UNKNOWN);
        assertEquals(3, p.retry().maxAttempts());
        assertEquals(OnExhausted.QUARANTINE, p.onExhausted());
        assertFalse(p.escalate());
    }

    @Test
    void withReturnsANewMatrixAndLeavesTheOriginalUnchanged() {
        CategoryPolicy stop = new CategoryPolicy(RetryPolicy.none(), OnExhausted.STOP_RUN, true);
        RecoveryPolicies changed = defaults.with(ErrorCategory.DATA, stop);
        assertEquals(stop, changed.get(ErrorCategory.DATA));
        assertEquals(OnExhausted.QUARANTINE, defaults.get(ErrorCategory.DATA).onExhausted());
        assertNotEquals(defaults, changed);
        assertEquals(defaults.get(ErrorCategory.TRANSIENT), changed.get(ErrorCategory.TRANSIENT));
    }

    @Test
    void theMatrixRendersAsAMarkdownTable() {
        assertEquals("""
                | Category | Retry | When exhausted | Escalate |
                |---|---|---|---|
                | TRANSIENT | 5 attempts within 5m, exponential 1s ×2 up to 1m, ±25% jitter | QUARANTINE | no |
                | CONFIGURATION | 1 attempt (no retry) | STOP_RUN | yes |
                | DATA | 1 attempt (no retry) | QUARANTINE | no |
                | SYSTEM | 2 attempts within 5m, exponential 1s ×2 up to 1m, ±25% jitter | STOP_RUN | yes |
                | UNKNOWN | 3 attempts within 5m, exponential 1s ×2 up to 1m, ±25% jitter | QUARANTINE | no |
                """, defaults.toMarkdownTable());
    }
}
