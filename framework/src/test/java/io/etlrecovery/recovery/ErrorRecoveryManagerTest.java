package io.etlrecovery.recovery;

import io.etlrecovery.recovery.CallOutcome.Failed;
import io.etlrecovery.recovery.CallOutcome.FellBack;
import io.etlrecovery.recovery.CallOutcome.Succeeded;
import io.etlrecovery.recovery.TestSupport.ConfigFailure;
import io.etlrecovery.recovery.TestSupport.DataFailure;
import io.etlrecovery.recovery.TestSupport.RecordingAlerts;
import io.etlrecovery.recovery.TestSupport.RecordingJournal;
import io.etlrecovery.recovery.TestSupport.SystemFailure;
import io.etlrecovery.recovery.TestSupport.TransientFailure;
import io.etlrecovery.recovery.TestSupport.UnknownFailure;
import io.etlrecovery.recovery.spi.AttemptRecord;
import io.etlrecovery.recovery.spi.FailureRecord;
import io.etlrecovery.recovery.spi.RecoveryActionRecord;
import io.etlrecovery.recovery.spi.RecoveryActionRecord.Action;
import io.etlrecovery.recovery.spi.RecoveryJournal;
import io.etlrecovery.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorRecoveryManagerTest {

    private static final Instant T0 = ManualClock.DEFAULT_START;
    private static final ErrorContext CONTEXT = new ErrorContext("orders", 7L, "transform:enrich", 3L, "line 42");

    private final ManualClock clock = new ManualClock();
    private final RecordingJournal journal = new RecordingJournal();
    private final RecordingAlerts alerts = new RecordingAlerts();
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.builder().clock(clock).build();

    private ErrorRecoveryManager.Builder managerBuilder() {
        return ErrorRecoveryManager.builder().classifier(TestSupport.testClassifier()).clock(clock)
                .sleeper(clock.sleeper()).random(TestSupport.fixedRandom(0.5)).journal(journal)
                .alertListener(alerts).breakers(breakers);
    }

    private final ErrorRecoveryManager manager = managerBuilder().build();

    /** A call that throws the given failures in turn, then returns "ok"; each attempt takes {@code takes}. */
    private final class Script implements Callable<String> {
        private final Deque<Exception> failures;
        private final Duration takes;
        final AtomicInteger calls = new AtomicInteger();

        Script(Duration takes, Exception... failures) {
            this.failures = new ArrayDeque<>(Arrays.asList(failures));
            this.takes = takes;
        }

        Script(Exception... failures) {
            this(Duration.ZERO, failures);
        }

        @Override
        public String call() throws Exception {
            calls.incrementAndGet();
            clock.advance(takes);
            Exception next = failures.poll();
            if (next != null) {
                throw next;
            }
            return "ok";
        }
    }

    /** A call that always fails with a fresh copy of {@code failure}'s kind. */
    private static Callable<String> alwaysFailing(AtomicInteger calls, Callable<Exception> failure) {
        return () -> {
            calls.incrementAndGet();
            throw failure.call();
        };
    }

    private static List<Duration> seconds(long... values) {
        return Arrays.stream(values).mapToObj(Duration::ofSeconds).toList();
    }

    private static Failed<String> failed(CallOutcome<String> outcome) {
        assertInstanceOf(Failed.class, outcome);
        return (Failed<String>) outcome;
    }

    private static FellBack<String> fellBack(CallOutcome<String> outcome) {
        assertInstanceOf(FellBack.class, outcome);
        return (FellBack<String>) outcome;
    }

    private void openBreaker(String name) {
        CircuitBreaker b = breakers.breaker(name);
        for (int i = 0; i < 3; i++) {
            assertTrue(b.tryAcquirePermission());
            b.onFailure();
        }
        assertEquals(CircuitBreaker.State.OPEN, b.state());
    }

    // ------------------------------------------------------------------ success

    @Test
    void aFirstTrySuccessReturnsTheValueAndRecordsNothing() {
        CallOutcome<String> outcome = manager.attempt(CallOptions.forDependency("orders-api"), CONTEXT, () -> "v");
        assertEquals(new Succeeded<>("v", 1), outcome);
        assertTrue(journal.failures().isEmpty());
        assertTrue(journal.actions().isEmpty());
        assertTrue(alerts.alerts().isEmpty());
        assertTrue(clock.sleeps().isEmpty());
    }

    @Test
    void aTransientFailureIsRetriedWithBackoffAndTheRecoveryIsRecordedRedacted() {
        Script call = new Script(new TransientFailure("connection reset, password=hunter2"),
                new TransientFailure("connection reset, password=hunter2"));
        CallOutcome<String> outcome = manager.attempt(CallOptions.defaults(), CONTEXT, call);

        assertEquals(new Succeeded<>("ok", 3), outcome);
        assertTrue(((Succeeded<String>) outcome).retried());
        assertEquals(seconds(1, 2), clock.sleeps());
        FailureRecord r = journal.onlyFailure();
        assertEquals(FailureRecord.Outcome.RECOVERED, r.outcome());
        assertEquals(CONTEXT, r.context());
        assertEquals(TransientFailure.class.getName(), r.exceptionClass());
        assertFalse(r.message().contains("hunter2"), r.message());
        assertTrue(r.message().startsWith("connection reset, password="), r.message());
        assertFalse(r.stackDigest().contains("hunter2"));
        assertTrue(r.stackDigest().contains(TransientFailure.class.getName()), r.stackDigest());
        assertEquals(ErrorCategory.TRANSIENT, r.classification().category());
        assertEquals(ErrorFingerprint.of(ErrorCategory.TRANSIENT, TransientFailure.class.getName(),
                "transform:enrich", r.message()), r.fingerprint());
        assertEquals(3, r.attemptCount());
        assertEquals(T0.plusSeconds(3), r.occurredAt());
        assertEquals(List.of(
                new AttemptRecord(1, 0, AttemptRecord.Outcome.FAILED, TransientFailure.class.getName(),
                        r.message(), T0),
                new AttemptRecord(2, 1000, AttemptRecord.Outcome.FAILED, TransientFailure.class.getName(),
                        r.message(), T0.plusSeconds(1)),
                new AttemptRecord(3, 2000, AttemptRecord.Outcome.SUCCEEDED, null, null, T0.plusSeconds(3))),
                r.attempts());
        assertEquals(List.of(Action.RETRIED_AND_SUCCEEDED), journal.actionKinds());
        assertTrue(alerts.alerts().isEmpty());
    }

    // ------------------------------------------------------------------ the decision matrix

    @Test
    void aTransientFailureThatPersistsIsTriedFiveTimesThenQuarantined() {
        AtomicInteger calls = new AtomicInteger();
        CallOutcome<String> outcome = manager.attempt(CallOptions.defaults(), CONTEXT,
                alwaysFailing(calls, () -> new TransientFailure("timeout")));

        Failed<String> failed = failed(outcome);
        assertEquals(Decision.QUARANTINE, failed.decision());
        assertEquals(ErrorCategory.TRANSIENT, failed.classification().category());
        assertInstanceOf(TransientFailure.class, failed.lastError());
        assertEquals(5, failed.attempts());
        assertEquals(5, calls.get());
        assertEquals(seconds(1, 2, 4, 8), clock.sleeps());
        FailureRecord r = journal.onlyFailure();
        assertEquals(FailureRecord.Outcome.QUARANTINED, r.outcome());
        assertEquals(5, r.attempts().size());
        assertTrue(r.attempts().stream().allMatch(a -> a.outcome() == AttemptRecord.Outcome.FAILED));
        assertEquals(List.of(0L, 1000L, 2000L, 4000L, 8000L),
                r.attempts().stream().map(AttemptRecord::delayBeforeMillis).toList());
        assertEquals(List.of(Action.RETRIES_EXHAUSTED, Action.QUARANTINED), journal.actionKinds());
        assertTrue(alerts.alerts().isEmpty());
    }

    @Test
    void retriesStopWhenTheNextDelayWouldPassTheMaximumDurationCountingTheRetriesOwnTime() {
        RetryPolicy retry = RetryPolicy.builder().maxAttempts(100).maxDuration(Duration.ofSeconds(10))
                .backoff(Backoff.fixed(Duration.ofSeconds(1))).build();
        AtomicInteger calls = new AtomicInteger();
        CallOutcome<String> outcome = manager.attempt(CallOptions.<String>builder().retry(retry).build(), CONTEXT,
                () -> {
                    calls.incrementAndGet();
                    clock.advance(Duration.ofSeconds(3));
                    throw new TransientFailure("slow and failing");
                });
        // the bound starts when attempt 1 fails (3 s): 3-4 wait, 4-7 attempt 2, 7-8 wait, 8-11 attempt 3,
        // 11-12 wait, 12-15 attempt 4; elapsed 12 s + 1 s > 10 s: no fifth attempt
        assertEquals(4, outcome.attempts());
        assertEquals(4, calls.get());
        assertEquals(seconds(1, 1, 1), clock.sleeps());
        assertEquals(Decision.QUARANTINE, failed(outcome).decision());
    }

    @Test
    void aDelayThatWouldEndAfterTheMaximumDurationIsNotWaited() {
        RetryPolicy retry = RetryPolicy.builder().maxAttempts(10).maxDuration(Duration.ofSeconds(10))
                .backoff(Backoff.fixed(Duration.ofSeconds(4))).build();
        AtomicInteger calls = new AtomicInteger();
        CallOutcome<String> outcome = manager.attempt(CallOptions.<String>builder().retry(retry).build(), CONTEXT,
                alwaysFailing(calls, () -> new TransientFailure("x")));
        assertEquals(3, calls.get(), "attempts at 0 s, 4 s and 8 s; 12 s would pass the bound");
        assertEquals(seconds(4, 4), clock.sleeps());
        assertEquals(3, outcome.attempts());
    }

    @Test
    void aDataFailureIsQuarantinedAtOnceWithoutRetry() {
        AtomicInteger calls = new AtomicInteger();
        CallOutcome<String> outcome = manager.attempt(CallOptions.defaults(), CONTEXT,
                alwaysFailing(calls, () -> new DataFailure("amount 'abc' is not a number")));
        Failed<String> failed = failed(outcome);
        assertEquals(Decision.QUARANTINE, failed.decision());
        assertEquals(ErrorCategory.DATA, failed.classification().category());
        assertEquals(1, calls.get());
        assertTrue(clock.sleeps().isEmpty());
        assertEquals(FailureRecord.Outcome.QUARANTINED, journal.onlyFailure().outcome());
        assertEquals(List.of(Action.QUARANTINED), journal.actionKinds());
        assertTrue(alerts.alerts().isEmpty());
    }

    @Test
    void aConfigurationFailureStopsTheRunAtOnceAndEscalates() {
        AtomicInteger calls = new AtomicInteger();
        CallOutcome<String> outcome = manager.attempt(CallOptions.defaults(), CONTEXT,
                alwaysFailing(calls, () -> new ConfigFailure("login failed for user etl, password=hunter2")));
        Failed<String> failed = failed(outcome);
        assertEquals(Decision.STOP_RUN, failed.decision());
        assertEquals(1, calls.get());
        assertEquals(FailureRecord.Outcome.RUN_STOPPED, journal.onlyFailure().outcome());
        assertEquals(List.of(Action.RUN_STOPPED, Action.ESCALATED), journal.actionKinds());
        Alert alert = alerts.alerts().get(0);
        assertEquals(1, alerts.alerts().size());
        assertEquals(Alert.Level.CRITICAL, alert.level());
        assertEquals(Alert.Kind.RUN_STOPPED, alert.kind());
        assertEquals("orders", alert.pipeline());
        assertEquals(7L, alert.runId());
        assertTrue(alert.message().contains("CONFIGURATION"), alert.message());
        assertFalse(alert.message().contains("hunter2"), alert.message());
        assertTrue(journal.actions().stream().noneMatch(a -> a.detail().contains("hunter2")));
    }

    @Test
    void aSystemFailureIsRetriedOnceThenStopsTheRunAndEscalates() {
        AtomicInteger calls = new AtomicInteger();
        CallOutcome<String> outcome = manager.attempt(CallOptions.defaults(), CONTEXT,
                alwaysFailing(calls, () -> new SystemFailure("No space left on device")));
        assertEquals(Decision.STOP_RUN, failed(outcome).decision());
        assertEquals(2, calls.get());
        assertEquals(seconds(1), clock.sleeps());
        assertEquals(List.of(Action.RETRIES_EXHAUSTED, Action.RUN_STOPPED, Action.ESCALATED), journal.actionKinds());
        assertEquals(Alert.Kind.RUN_STOPPED, alerts.alerts().get(0).kind());
    }

    @Test
    void anUnknownFailureIsTriedThreeTimesThenQuarantined() {
        AtomicInteger calls = new AtomicInteger();
        CallOutcome<String> outcome = manager.attempt(CallOptions.defaults(), CONTEXT,
                alwaysFailing(calls, () -> new UnknownFailure("?")));
        assertEquals(Decision.QUARANTINE, failed(outcome).decision());
        assertEquals(3, calls.get());
        assertEquals(seconds(1, 2), clock.sleeps());
        assertTrue(alerts.alerts().isEmpty());
    }

    @Test
    void aCategoryPolicyCanBeReplaced() {
        RecoveryPolicies policies = RecoveryPolicies.defaults().with(ErrorCategory.DATA, new CategoryPolicy(
                RetryPolicy.builder().maxAttempts(2).backoff(Backoff.fixed(Duration.ofMillis(10))).build(),
                OnExhausted.STOP_RUN, false));
        ErrorRecoveryManager m = managerBuilder().policies(policies).build();
        AtomicInteger calls = new AtomicInteger();
        CallOutcome<String> outcome = m.attempt(CallOptions.defaults(), CONTEXT,
                alwaysFailing(calls, () -> new DataFailure("bad")));
        assertEquals(Decision.STOP_RUN, failed(outcome).decision());
        assertEquals(2, calls.get());
        assertEquals(List.of(Duration.ofMillis(10)), clock.sleeps());
        assertTrue(alerts.alerts().isEmpty(), "escalate is false");
    }

    @Test
    void aRetryPolicyInTheCallOptionsReplacesTheCategorysOnlyForCategoriesThatAreRetried() {
        CallOptions<String> options = CallOptions.<String>builder()
                .retry(RetryPolicy.builder().maxAttempts(2).backoff(Backoff.fixed(Duration.ofMillis(100))).build())
                .build();
        AtomicInteger transientCalls = new AtomicInteger();
        manager.attempt(options, CONTEXT, alwaysFailing(transientCalls, () -> new TransientFailure("x")));
        assertEquals(2, transientCalls.get());
        AtomicInteger dataCalls = new AtomicInteger();
        manager.attempt(options, CONTEXT, alwaysFailing(dataCalls, () -> new DataFailure("x")));
        assertEquals(1, dataCalls.get());
    }

    // ------------------------------------------------------------------ fallbacks

    @Test
    void theFallbackReplacesTheResultAfterTheRetriesAreExhausted() {
        AtomicReference<FailureInfo> told = new AtomicReference<>();
        CallOptions<String> options = CallOptions.<String>builder().fallback(info -> {
            told.set(info);
            return "cached";
        }).build();
        AtomicInteger calls = new AtomicInteger();
        CallOutcome<String> outcome = manager.attempt(options, CONTEXT,
                alwaysFailing(calls, () -> new TransientFailure("down")));

        FellBack<String> fellBack = fellBack(outcome);
        assertEquals("cached", fellBack.value());
        assertEquals(5, calls.get());
        assertEquals(5, told.get().attempts());
        assertFalse(told.get().circuitOpen());
        assertEquals(ErrorCategory.TRANSIENT, told.get().classification().category());
        assertInstanceOf(TransientFailure.class, told.get().lastError());
        assertEquals(FailureRecord.Outcome.FALLBACK_USED, journal.onlyFailure().outcome());
        assertEquals(List.of(Action.RETRIES_EXHAUSTED, Action.FALLBACK_USED), journal.actionKinds());
    }

    @Test
    void theFallbackNeverHidesAFailureThatStopsTheRun() {
        AtomicInteger fallbackCalls = new AtomicInteger();
        CallOptions<String> options = CallOptions.<String>builder().fallback(info -> {
            fallbackCalls.incrementAndGet();
            return "cached";
        }).build();
        CallOutcome<String> outcome = manager.attempt(options, CONTEXT,
                alwaysFailing(new AtomicInteger(), () -> new ConfigFailure("bad credentials")));
        assertEquals(Decision.STOP_RUN, failed(outcome).decision());
        assertEquals(0, fallbackCalls.get());
    }

    @Test
    void aFailingFallbackLeavesTheDecisionAndIsAttachedAsSuppressed() {
        IllegalStateException fallbackError = new IllegalStateException("cache empty");
        CallOptions<String> options = CallOptions.<String>builder().fallback(info -> {
            throw fallbackError;
        }).build();
        CallOutcome<String> outcome = manager.attempt(options, CONTEXT,
                alwaysFailing(new AtomicInteger(), () -> new DataFailure("bad")));
        Failed<String> failed = failed(outcome);
        assertEquals(Decision.QUARANTINE, failed.decision());
        assertSame(fallbackError, failed.lastError().getSuppressed()[0]);
        assertEquals(FailureRecord.Outcome.QUARANTINED, journal.onlyFailure().outcome());
    }

    // ------------------------------------------------------------------ circuit breakers

    @Test
    void aCallRefusedByAnOpenBreakerIsNeitherClassifiedAsDataNorQuarantined() {
        ErrorRecoveryManager m = managerBuilder().classifier(TestSupport.everythingIsData()).build();
        openBreaker("orders-api");
        AtomicInteger calls = new AtomicInteger();

        CallOutcome<String> outcome = m.attempt(CallOptions.forDependency("orders-api"), CONTEXT, () -> {
            calls.incrementAndGet();
            return "v";
        });

        assertEquals(0, calls.get(), "the call is not made");
        Failed<String> failed = failed(outcome);
        assertEquals(Decision.CIRCUIT_OPEN_STOP, failed.decision());
        assertEquals(ErrorCategory.TRANSIENT, failed.classification().category());
        assertEquals(ErrorType.CIRCUIT_OPEN, failed.classification().type());
        CircuitOpenException e = assertInstanceOf(CircuitOpenException.class, failed.lastError());
        assertEquals("orders-api", e.breakerName());
        assertEquals(0, failed.attempts());
        FailureRecord r = journal.onlyFailure();
        assertEquals(FailureRecord.Outcome.CIRCUIT_OPEN, r.outcome());
        assertEquals(CircuitOpenException.class.getName(), r.exceptionClass());
        assertNotEquals(ErrorCategory.DATA, r.classification().category());
        assertTrue(r.attempts().isEmpty());
        assertEquals(List.of(Action.RUN_STOPPED), journal.actionKinds());
        assertFalse(journal.actionKinds().contains(Action.QUARANTINED));
    }

    @Test
    void retriesThatOpenTheBreakerStopTheRunResumablyInsteadOfQuarantiningTheRecord() {
        AtomicInteger calls = new AtomicInteger();
        CallOutcome<String> outcome = manager.attempt(CallOptions.forDependency("orders-api"), CONTEXT,
                alwaysFailing(calls, () -> new TransientFailure("503 Service Unavailable")));

        Failed<String> failed = failed(outcome);
        assertEquals(Decision.CIRCUIT_OPEN_STOP, failed.decision());
        assertEquals(3, calls.get(), "the third failure opened the breaker; no fourth attempt");
        assertEquals(seconds(1, 2), clock.sleeps());
        CircuitOpenException e = assertInstanceOf(CircuitOpenException.class, failed.lastError());
        assertInstanceOf(TransientFailure.class, e.getCause(), "the real failure is the cause");
        FailureRecord r = journal.onlyFailure();
        assertEquals(FailureRecord.Outcome.CIRCUIT_OPEN, r.outcome());
        assertEquals(3, r.attemptCount());
        assertTrue(r.attempts().stream().allMatch(a -> a.exceptionClass().equals(TransientFailure.class.getName())));
        assertEquals(List.of(Action.BREAKER_OPENED, Action.RUN_STOPPED), journal.actionKinds());
        RecoveryActionRecord opened = journal.actions().get(0);
        assertEquals("orders-api", opened.target());
        assertEquals(CONTEXT, opened.context());
        Alert alert = alerts.alerts().get(0);
        assertEquals(Alert.Kind.BREAKER_OPENED, alert.kind());
        assertEquals(Alert.Level.WARNING, alert.level());
        assertTrue(alert.message().contains("orders-api") && alert.message().contains(T0.plusSeconds(33).toString()),
                alert.message());
    }

    @Test
    void anOpenBreakerUsesTheFallbackWhenThereIsOne() {
        openBreaker("orders-api");
        AtomicReference<FailureInfo> told = new AtomicReference<>();
        CallOptions<String> options = CallOptions.<String>forDependency("orders-api").withFallback(info -> {
            told.set(info);
            return "default";
        });
        CallOutcome<String> outcome = manager.attempt(options, CONTEXT, () -> "never");
        assertEquals("default", fellBack(outcome).value());
        assertTrue(told.get().circuitOpen());
        assertEquals(0, told.get().attempts());
        assertEquals("orders-api", told.get().dependency());
        assertSame(ErrorRecoveryManager.CIRCUIT_OPEN, told.get().classification());
        FailureRecord r = journal.onlyFailure();
        assertEquals(FailureRecord.Outcome.FALLBACK_USED, r.outcome());
        assertEquals(ErrorType.CIRCUIT_OPEN, r.classification().type());
        assertEquals(List.of(Action.FALLBACK_USED), journal.actionKinds());
    }

    @Test
    void theStopBehaviourStopsEvenWithAFallback() {
        openBreaker("orders-api");
        CallOptions<String> options = CallOptions.<String>builder().dependency("orders-api")
                .onOpenCircuit(OpenCircuitBehaviour.STOP).fallback(info -> "default").build();
        CallOutcome<String> outcome = manager.attempt(options, CONTEXT, () -> "never");
        assertEquals(Decision.CIRCUIT_OPEN_STOP, failed(outcome).decision());
    }

    @Test
    void theWaitBehaviourSleepsUntilTheTrialAndASuccessfulTrialClosesTheBreaker() {
        openBreaker("orders-api");
        clock.advance(Duration.ofSeconds(10));
        CallOptions<String> options = CallOptions.<String>builder().dependency("orders-api")
                .onOpenCircuit(OpenCircuitBehaviour.WAIT).build();
        Script call = new Script();

        CallOutcome<String> outcome = manager.attempt(options, CONTEXT, call);

        assertEquals(new Succeeded<>("ok", 1), outcome);
        assertEquals(seconds(20), clock.sleeps(), "waited exactly until the next trial");
        assertEquals(CircuitBreaker.State.CLOSED, breakers.breaker("orders-api").state());
        assertEquals(List.of(Action.BREAKER_HALF_OPENED, Action.BREAKER_CLOSED), journal.actionKinds());
        FailureRecord r = journal.onlyFailure();
        assertEquals(FailureRecord.Outcome.RECOVERED, r.outcome());
        assertEquals(CircuitOpenException.class.getName(), r.exceptionClass());
        assertEquals(List.of(new AttemptRecord(1, 20_000, AttemptRecord.Outcome.SUCCEEDED, null, null,
                T0.plusSeconds(30))), r.attempts());
    }

    @Test
    void theWaitForAHalfOpenBreakerIsBoundedAndThenTheRunStops() {
        openBreaker("orders-api");
        CallOptions<String> options = CallOptions.<String>builder().dependency("orders-api")
                .onOpenCircuit(OpenCircuitBehaviour.WAIT).maxWaitForHalfOpen(Duration.ofSeconds(60)).build();
        AtomicInteger calls = new AtomicInteger();

        CallOutcome<String> outcome = manager.attempt(options, CONTEXT,
                alwaysFailing(calls, () -> new TransientFailure("still down")));

        // trial at 30 s fails and reopens, trial at 60 s fails and reopens, a third wait would pass 60 s
        assertEquals(seconds(30, 30), clock.sleeps());
        assertEquals(2, calls.get());
        Failed<String> failed = failed(outcome);
        assertEquals(Decision.CIRCUIT_OPEN_STOP, failed.decision());
        assertEquals(2, failed.attempts());
        assertEquals(FailureRecord.Outcome.CIRCUIT_OPEN, journal.onlyFailure().outcome());
        assertFalse(journal.actionKinds().contains(Action.QUARANTINED));
    }

    @Test
    void dataFailuresDoNotCountAgainstTheBreaker() {
        for (int i = 0; i < 5; i++) {
            manager.attempt(CallOptions.forDependency("orders-api"), CONTEXT,
                    alwaysFailing(new AtomicInteger(), () -> new DataFailure("bad record")));
        }
        assertEquals(CircuitBreaker.State.CLOSED, breakers.breaker("orders-api").state());
    }

    @Test
    void aDataFailureDuringAHalfOpenTrialGivesTheTrialSlotBack() {
        openBreaker("orders-api");
        clock.advance(Duration.ofSeconds(30));
        manager.attempt(CallOptions.forDependency("orders-api"), CONTEXT,
                alwaysFailing(new AtomicInteger(), () -> new DataFailure("bad record")));
        CircuitBreaker b = breakers.breaker("orders-api");
        assertEquals(CircuitBreaker.State.HALF_OPEN, b.state());
        assertEquals(new Succeeded<>("v", 1), manager.attempt(CallOptions.forDependency("orders-api"), CONTEXT,
                () -> "v"));
        assertEquals(CircuitBreaker.State.CLOSED, b.state());
    }

    // ------------------------------------------------------------------ robustness

    @Test
    void anInterruptionWhileWaitingStopsTheRunAndKeepsTheInterruptFlag() {
        ErrorRecoveryManager m = managerBuilder().sleeper(d -> {
            throw new InterruptedException("shutdown");
        }).build();
        AtomicInteger calls = new AtomicInteger();
        try {
            CallOutcome<String> outcome = m.attempt(CallOptions.defaults(), CONTEXT,
                    alwaysFailing(calls, () -> new TransientFailure("x")));
            assertEquals(Decision.STOP_RUN, failed(outcome).decision());
            assertEquals(1, calls.get());
            assertTrue(Thread.currentThread().isInterrupted());
            assertEquals(FailureRecord.Outcome.RUN_STOPPED, journal.onlyFailure().outcome());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aJournalThatThrowsDoesNotChangeTheOutcome() {
        RecoveryJournal broken = new RecoveryJournal() {
            @Override
            public void failure(FailureRecord record) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public void action(RecoveryActionRecord action) {
                throw new IllegalStateException("disk full");
            }
        };
        ErrorRecoveryManager m = managerBuilder().journal(broken).build();
        CallOutcome<String> outcome = m.attempt(CallOptions.defaults(), CONTEXT,
                new Script(new TransientFailure("x")));
        assertEquals(new Succeeded<>("ok", 2), outcome);
    }

    @Test
    void aPipelineConfigurationSetsTheMatrixAndTheDefaultBreakerConfig() {
        RecoveryConfig config = RecoveryConfig.builder()
                .circuitBreakerConfig(CircuitBreakerConfig.builder().failureThreshold(1).build())
                .categoryPolicy(ErrorCategory.DATA, new CategoryPolicy(RetryPolicy.none(), OnExhausted.STOP_RUN, false))
                .build();
        ErrorRecoveryManager m = ErrorRecoveryManager.builder().classifier(TestSupport.testClassifier())
                .config(config).clock(clock).sleeper(clock.sleeper()).journal(journal).alertListener(alerts).build();
        assertEquals(Decision.STOP_RUN, failed(m.attempt(CallOptions.defaults(), CONTEXT,
                alwaysFailing(new AtomicInteger(), () -> new DataFailure("bad")))).decision());
        assertEquals(Decision.CIRCUIT_OPEN_STOP, failed(m.attempt(CallOptions.forDependency("api"), CONTEXT,
                alwaysFailing(new AtomicInteger(), () -> new TransientFailure("down")))).decision(),
                "one failure opens a breaker with failureThreshold 1");
    }

    @Test
    void theManagersOwnRegistryUsesTheManagersClock() {
        ErrorRecoveryManager m = ErrorRecoveryManager.builder().classifier(TestSupport.testClassifier())
                .clock(clock).sleeper(clock.sleeper()).journal(journal).alertListener(alerts).build();
        assertSame(clock, m.breakers().clock());
    }
}
