package io.etlrecovery.recovery;

import io.etlrecovery.EtlRecoveryException;
import io.etlrecovery.recovery.TestSupport.DataFailure;
import io.etlrecovery.recovery.TestSupport.RecordingJournal;
import io.etlrecovery.recovery.TestSupport.TransientFailure;
import io.etlrecovery.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecuteTest {

    private final ManualClock clock = new ManualClock();
    private final RecordingJournal journal = new RecordingJournal();

    private ErrorRecoveryManager.Builder builder() {
        return ErrorRecoveryManager.builder().clock(clock).sleeper(clock.sleeper())
                .random(TestSupport.fixedRandom(0.5)).journal(journal).alertListener(alert -> { });
    }

    private final ErrorRecoveryManager manager = builder().classifier(TestSupport.testClassifier()).build();

    @Test
    void executeReturnsTheValueOfASucceedingCall() {
        assertEquals(42, manager.execute(() -> 42));
        assertTrue(journal.failures().isEmpty());
    }

    @Test
    void executeReturnsTheValueOfARetriedCall() {
        AtomicInteger calls = new AtomicInteger();
        String value = manager.execute(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new TransientFailure("flaky");
            }
            return "done";
        });
        assertEquals("done", value);
        assertEquals(3, calls.get());
    }

    @Test
    void aFinalFailureIsThrownAsRecoveryFailedExceptionWithTheCheckedCauseAndARedactedMessage() {
        DataFailure cause = new DataFailure("amount 'abc' rejected, token=s3cr3tvalue");
        RecoveryFailedException e = assertThrows(RecoveryFailedException.class,
                () -> manager.execute(CallOptions.forDependency("orders-api"), () -> {
                    throw cause;
                }));
        assertInstanceOf(EtlRecoveryException.class, e);
        assertEquals(cause, e.getCause());
        assertEquals(Decision.QUARANTINE, e.decision());
        assertEquals(ErrorCategory.DATA, e.classification().category());
        assertEquals(1, e.attempts());
        assertEquals("orders-api", e.dependency().orElseThrow());
        assertTrue(e.getMessage().startsWith("call to 'orders-api' failed after 1 attempt (DATA/VALIDATION, "
                + "decision QUARANTINE): " + DataFailure.class.getName() + ": amount 'abc' rejected, token="),
                e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3tvalue"), e.getMessage());
    }

    @Test
    void anOpenBreakerIsThrownAsCircuitOpenExceptionNamingTheBreakerItsStateAndTheNextTrial() {
        CircuitBreaker b = manager.breakers().breaker("orders-api");
        for (int i = 0; i < 3; i++) {
            b.tryAcquirePermission();
            b.onFailure();
        }
        CircuitOpenException e = assertThrows(CircuitOpenException.class,
                () -> manager.execute(CallOptions.forDependency("orders-api"), () -> "never"));
        assertEquals("circuit breaker 'orders-api' is OPEN; next trial at 2025-01-01T00:00:30Z", e.getMessage());
        assertEquals(CircuitBreaker.State.OPEN, e.state());
        assertEquals(ManualClock.DEFAULT_START.plusSeconds(30), e.nextTrialAt().orElseThrow());
        assertEquals(0, e.getStackTrace().length, "no stack trace is filled in");
    }

    @Test
    void decorateTurnsAFunctionIntoARecoveringOne() {
        AtomicInteger calls = new AtomicInteger();
        Function<String, Integer> parse = manager.decorate(CallOptions.defaults(), (String s) -> {
            if (calls.incrementAndGet() == 1) {
                throw new TransientFailure("first call fails");
            }
            return Integer.parseInt(s);
        });
        assertEquals(12, parse.apply("12"));
        assertEquals(2, calls.get());
        assertEquals(34, parse.apply("34"));
    }

    @Test
    void aCallThatExceedsItsTimeoutIsInterruptedAndFailsWithATransientTimeout() throws Exception {
        ErrorRecoveryManager m = builder().build(); // the default classifier: TimeoutException is TRANSIENT
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CallOptions<String> options = CallOptions.<String>builder().dependency("slow-api")
                .timeout(Duration.ofMillis(50)).retry(RetryPolicy.none()).build();

        RecoveryFailedException e = assertThrows(RecoveryFailedException.class, () -> m.execute(options, () -> {
            try {
                never.await();
            } catch (InterruptedException ie) {
                interrupted.countDown();
                throw ie;
            }
            return "never";
        }));

        TimeoutException cause = assertInstanceOf(TimeoutException.class, e.getCause());
        assertEquals("call to 'slow-api' timed out after 50ms", cause.getMessage());
        assertEquals(ErrorCategory.TRANSIENT, e.classification().category());
        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the worker was interrupted");
    }

    @Test
    void aCallWithinItsTimeoutReturnsItsValueAndItsExceptionUnwrapped() {
        CallOptions<String> options = CallOptions.<String>builder().timeout(Duration.ofSeconds(30)).build();
        assertEquals("fast", manager.execute(options, () -> "fast"));
        RecoveryFailedException e = assertThrows(RecoveryFailedException.class, () -> manager.execute(options, () -> {
            throw new DataFailure("bad");
        }));
        assertInstanceOf(DataFailure.class, e.getCause());
    }

    @Test
    void theDefaultClassifierDrivesRetriesOfStandaloneCalls() {
        ErrorRecoveryManager m = builder().build();
        AtomicInteger calls = new AtomicInteger();
        String value = m.execute(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new ConnectException("Connection refused");
            }
            return "connected";
        });
        assertEquals("connected", value);
        AtomicInteger parses = new AtomicInteger();
        RecoveryFailedException e = assertThrows(RecoveryFailedException.class, () -> m.execute(() -> {
            parses.incrementAndGet();
            return Integer.parseInt("abc");
        }));
        assertEquals(ErrorCategory.DATA, e.classification().category());
        assertEquals(1, parses.get());
    }

    @Test
    void checkedExceptionsOfTheCallArriveAsTheCause() {
        IOException io = new IOException("weird");
        RecoveryFailedException e = assertThrows(RecoveryFailedException.class,
                () -> builder().classifier(TestSupport.everythingIsData()).build().execute(() -> {
                    throw io;
                }));
        assertEquals(io, e.getCause());
    }
}
