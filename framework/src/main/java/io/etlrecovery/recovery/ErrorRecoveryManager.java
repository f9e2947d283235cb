package io.etlrecovery.recovery;

import io.etlrecovery.recovery.internal.CallTimeouts;
import io.etlrecovery.recovery.internal.Durations;
import io.etlrecovery.recovery.spi.AttemptRecord;
import io.etlrecovery.recovery.spi.FailureRecord;
import io.etlrecovery.recovery.spi.RecoveryActionRecord;
import io.etlrecovery.recovery.spi.RecoveryActionRecord.Action;
import io.etlrecovery.recovery.spi.RecoveryJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The one entry point of the recovery layer: runs a call, classifies its failures, retries, guards it with a
 * circuit breaker, a timeout and a fallback, decides what happens when it fails for good, and records everything
 * to a {@link RecoveryJournal}. Immutable and thread-safe once built.
 *
 * <p>Composition of one call, outermost first (as in Failsafe): {@code Fallback(Retry(CircuitBreaker(Timeout(call))))}.
 * <ol>
 *   <li>The breaker of {@link CallOptions#dependency()} is asked for permission before every attempt. A refusal is
 *       not a failure of the call: it is never classified (its classification is TRANSIENT / CIRCUIT_OPEN), never
 *       recorded as a DATA failure and never leads to quarantine; {@link CallOptions#onOpenCircuit()} decides
 *       (wait for the half-open trial, fall back, or stop the run resumably).</li>
 *   <li>Each attempt runs with the call's timeout, if any; a timed-out attempt fails with
 *       {@link java.util.concurrent.TimeoutException}.</li>
 *   <li>A failure is classified by the {@link ErrorClassifier}; TRANSIENT, SYSTEM and UNKNOWN failures count
 *       against the breaker, DATA and CONFIGURATION failures do not (they say nothing about the dependency).</li>
 *   <li>The category's {@link CategoryPolicy} (or {@link CallOptions#retry()}) says whether to retry; the delay is
 *       waited with the injected {@link Sleeper}. Both retry bounds (attempts and total time) apply. The total
 *       time is measured from the end of the first failed attempt, because the clock is not read on the success
 *       path (it costs more than the rest of the fast path); later attempts' own time and all delays count. With a
 *       call timeout, the first attempt adds at most that timeout to the bound.</li>
 *   <li>If the failures opened the breaker, the open-circuit behaviour applies instead of quarantine. Otherwise,
 *       when no attempt is left: a QUARANTINE category uses the fallback if there is one, else gives
 *       {@link Decision#QUARANTINE}; a STOP_RUN category gives {@link Decision#STOP_RUN} (never hidden by a
 *       fallback) and, with {@code escalate}, a CRITICAL {@link Alert.Kind#RUN_STOPPED} alert.</li>
 * </ol>
 * If the calling thread is interrupted (while waiting, or the call throws {@link InterruptedException}), no
 * further attempt is made, the interrupt flag is restored and the decision is {@link Decision#STOP_RUN}.
 *
 * <p>Recording: nothing at all (no journal, alert, log or allocation beyond the result) for a call that
 * succeeds at its first attempt. Otherwise one {@link FailureRecord} per call episode once it is resolved (texts
 * redacted by the {@link Redactor}), plus {@link RecoveryActionRecord}s: RETRIED_AND_SUCCEEDED, RETRIES_EXHAUSTED,
 * QUARANTINED, FALLBACK_USED, RUN_STOPPED, ESCALATED, and BREAKER_OPENED / HALF_OPENED / CLOSED for transitions
 * caused by the manager's calls (a breaker's CLOSED → OPEN also sends a WARNING {@link Alert.Kind#BREAKER_OPENED}
 * alert). The journal and the alert listener are called synchronously; if they throw, that is logged and ignored.
 * The manager does no other I/O.
 *
 * <p>Defaults: {@link ErrorClassifier#defaults()}, {@link RecoveryPolicies#defaults()}, an in-memory
 * {@link CircuitBreakerRegistry} with the default config and the manager's clock, the system UTC clock,
 * {@link Sleeper#system()}, {@link ThreadLocalRandom} (thread-safe), {@link AlertListener#logging()},
 * {@link RecoveryJournal#logging()}, {@link Redactor#defaults()}.
 */
public final class ErrorRecoveryManager {

    /** The classification of a call refused by an open breaker; the classifier is not asked. */
    public static final Classification CIRCUIT_OPEN = new Classification(ErrorCategory.TRANSIENT,
            ErrorType.CIRCUIT_OPEN, Severity.HIGH, true,
            "The dependency's circuit breaker is open after repeated failures: check the dependency; the run can "
                    + "be resumed once it recovers.", "circuit-open");

    private static final Logger LOG = LoggerFactory.getLogger(ErrorRecoveryManager.class);
    /** Poll interval while a half-open breaker's trial calls are taken by others (WAIT mode). */
    private static final Duration HALF_OPEN_POLL = Duration.ofMillis(100);
    private static final int DIGEST_FRAMES = 8;

    private final ErrorClassifier classifier;
    private final RecoveryPolicies policies;
    private final CircuitBreakerRegistry breakers;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final AlertListener alertListener;
    private final RecoveryJournal journal;
    private final Redactor redactor;
    private final CircuitBreaker.TransitionSink transitionSink = this::onBreakerTransition;

    private ErrorRecoveryManager(Builder b) {
        this.classifier = b.classifier;
        this.policies = b.policies;
        this.clock = b.clock;
        this.breakers = b.breakers != null ? b.breakers
                : CircuitBreakerRegistry.builder().defaultConfig(b.breakerConfig).clock(b.clock).build();
        this.sleeper = b.sleeper;
        this.random = b.random != null ? b.random : (RandomGenerator) () -> ThreadLocalRandom.current().nextLong();
        this.alertListener = b.alertListener;
        this.journal = b.journal;
        this.redactor = b.redactor;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A manager with every default. */
    public static ErrorRecoveryManager defaults() {
        return builder().build();
    }

    // ------------------------------------------------------------------ standalone use

    /**
     * Runs {@code call} with the default {@link CallOptions} (no breaker, no timeout, no fallback).
     *
     * @return the call's result
     * @throws RecoveryFailedException when the call failed for good; the call's exception is the cause
     */
    public <T> T execute(Callable<? extends T> call) {
        return execute(CallOptions.defaults(), call);
    }

    /**
     * Runs {@code call} protected as {@code options} say.
     *
     * @return the call's result, or the fallback's
     * @throws RecoveryFailedException when the call failed for good and no fallback replaced it; the call's
     *                                 exception (checked or not) is the cause
     * @throws CircuitOpenException    when the breaker is open and the open-circuit behaviour stops
     */
    public <T> T execute(CallOptions<T> options, Callable<? extends T> call) {
        CallOutcome<T> outcome = attempt(options, ErrorContext.none(), call);
        if (outcome instanceof CallOutcome.Succeeded<T> s) {
            return s.value();
        }
        if (outcome instanceof CallOutcome.FellBack<T> f) {
            return f.value();
        }
        CallOutcome.Failed<T> failed = (CallOutcome.Failed<T>) outcome;
        if (failed.decision() == Decision.CIRCUIT_OPEN_STOP && failed.lastError() instanceof CircuitOpenException e) {
            throw e;
        }
        throw new RecoveryFailedException(failureMessage(options.dependencyOrNull(), failed), failed.lastError(),
                failed.classification(), failed.attempts(), failed.decision(), options.dependencyOrNull());
    }

    /**
     * {@code function} wrapped so that each application runs through {@link #execute(CallOptions, Callable)}.
     */
    public <I, O> Function<I, O> decorate(CallOptions<O> options, CheckedFunction<? super I, ? extends O> function) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(function, "function");
        return input -> execute(options, () -> function.apply(input));
    }

    // ------------------------------------------------------------------ pipeline use

    /**
     * Runs {@code call} protected as {@code options} say and returns what happened; never throws for a failure
     * of the call (only for null arguments).
     *
     * @param context where the call happens, for the journal and the fingerprints
     */
    public <T> CallOutcome<T> attempt(CallOptions<T> options, ErrorContext context, Callable<? extends T> call) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(call, "call");
        String dependency = options.dependencyOrNull();
        CircuitBreaker breaker = dependency == null ? null : breakers.breaker(dependency);
        if (breaker != null && !breaker.tryAcquirePermission(transitionSink, context)) {
            return new Episode<>(options, context, call, breaker).run(null);
        }
        T value;
        try {
            value = invoke(call, options.timeoutOrNull(), dependency);
        } catch (Throwable first) {
            return new Episode<>(options, context, call, breaker).run(first);
        }
        if (breaker != null) {
            breaker.onSuccess(transitionSink, context);
        }
        return new CallOutcome.Succeeded<>(value, 1);
    }

    // ------------------------------------------------------------------ accessors

    /** The classifier. */
    public ErrorClassifier classifier() {
        return classifier;
    }

    /** The decision matrix. */
    public RecoveryPolicies policies() {
        return policies;
    }

    /** The circuit breakers. */
    public CircuitBreakerRegistry breakers() {
        return breakers;
    }

    /** The clock. */
    public Clock clock() {
        return clock;
    }

    /** The alert listener (the runner sends its own alerts to it too). */
    public AlertListener alertListener() {
        return alertListener;
    }

    /** The journal. */
    public RecoveryJournal journal() {
        return journal;
    }

    /** The redactor. */
    public Redactor redactor() {
        return redactor;
    }

    // ------------------------------------------------------------------ internals

    /** Waits; false (with the interrupt flag restored) if interrupted. */
    private boolean sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static <T> T invoke(Callable<? extends T> call, Duration timeout, String dependency) throws Exception {
        if (timeout == null) {
            return call.call();
        }
        return CallTimeouts.call(call, timeout, dependency == null ? "call" : "call to '" + dependency + "'");
    }

    private static boolean countsAgainstBreaker(ErrorCategory category) {
        return category == ErrorCategory.TRANSIENT || category == ErrorCategory.SYSTEM
                || category == ErrorCategory.UNKNOWN;
    }

    private String failureMessage(String dependency, CallOutcome.Failed<?> f) {
        Throwable e = f.lastError();
        return (dependency == null ? "call" : "call to '" + dependency + "'") + " failed after " + f.attempts()
                + (f.attempts() == 1 ? " attempt" : " attempts") + " (" + f.classification().category() + "/"
                + f.classification().type() + ", decision " + f.decision() + "): " + e.getClass().getName()
                + ": " + redact(e.getMessage());
    }

    private String redact(String text) {
        if (text == null) {
            return "";
        }
        try {
            String r = redactor.redact(text);
            return r == null ? "" : r;
        } catch (RuntimeException e) {
            return "(message withheld: redaction failed)";
        }
    }

    private void onBreakerTransition(BreakerTransition t, Object attachment) {
        ErrorContext context = attachment instanceof ErrorContext c ? c : ErrorContext.none();
        Action action = switch (t.to()) {
            case OPEN -> Action.BREAKER_OPENED;
            case HALF_OPEN -> Action.BREAKER_HALF_OPENED;
            case CLOSED -> Action.BREAKER_CLOSED;
        };
        action(context, action, t.name(), t.from() + " -> " + t.to() + ": " + t.reason(), t.at());
        if (t.to() == CircuitBreaker.State.OPEN && t.from() == CircuitBreaker.State.CLOSED) {
            Instant next = t.at().plus(breakers.configFor(t.name()).openDuration());
            alert(Alert.Level.WARNING, Alert.Kind.BREAKER_OPENED, context, "circuit breaker '" + t.name()
                    + "' opened: " + redact(t.reason()) + "; next trial at " + next, t.at());
        }
    }

    private void action(ErrorContext context, Action action, String target, String detail, Instant at) {
        try {
            journal.action(new RecoveryActionRecord(context, action, target, redact(detail), at));
        } catch (RuntimeException e) {
            LOG.warn("recovery journal {} failed to record action {}; ignored", journal, action, e);
        }
    }

    private void alert(Alert.Level level, Alert.Kind kind, ErrorContext context, String message, Instant at) {
        try {
            alertListener.onAlert(new Alert(level, kind, context.pipeline(), context.runId(), message, at));
        } catch (RuntimeException e) {
            LOG.warn("alert listener {} failed on {}; ignored", alertListener, kind, e);
        }
    }

    /**
     * The slow path: one call episode after its first failure or refusal. Not shared between threads.
     */
    private final class Episode<T> {
        private final CallOptions<T> options;
        private final ErrorContext context;
        private final Callable<? extends T> call;
        private final CircuitBreaker breaker;
        private final String dependency;
        private final long startMillis;
        private final List<AttemptRecord> attemptRecords = new ArrayList<>(4);
        private int attempts;
        private Throwable lastError;
        private Classification lastClassification;
        private long delayBeforeNextMillis;
        private Duration waitedForHalfOpen = Duration.ZERO;
        private CircuitOpenException circuitOpen;

        Episode(CallOptions<T> options, ErrorContext context, Callable<? extends T> call, CircuitBreaker breaker) {
            this.options = options;
            this.context = context;
            this.call = call;
            this.breaker = breaker;
            this.dependency = options.dependencyOrNull();
            // the success path does not read the clock: the episode's time starts at its first failure or refusal
            this.startMillis = clock.millis();
        }

        /**
         * @param firstError the first attempt's failure, or {@code null} if the breaker refused the first attempt
         */
        CallOutcome<T> run(Throwable firstError) {
            Throwable error = firstError;
            if (error != null) {
                attempts = 1;
            }
            while (true) {
                if (error == null) {
                    // the breaker refused the next attempt
                    CallOutcome<T> resolved = onRefused();
                    if (resolved != null) {
                        return resolved;
                    }
                } else {
                    CallOutcome<T> resolved = onFailure(error);
                    if (resolved != null) {
                        return resolved;
                    }
                    if (breaker != null && !breaker.tryAcquirePermission(transitionSink, context)) {
                        error = null;
                        continue;
                    }
                }
                attempts++;
                try {
                    T value = invoke(call, options.timeoutOrNull(), dependency);
                    if (breaker != null) {
                        breaker.onSuccess(transitionSink, context);
                    }
                    return recovered(value);
                } catch (Throwable t) {
                    error = t;
                }
            }
        }

        /** Handles a failed attempt; returns the final outcome, or null after waiting for a retry. */
        private CallOutcome<T> onFailure(Throwable error) {
            Instant now = clock.instant();
            if (error instanceof CircuitOpenException nested) {
                // a breaker further down refused: not a failure of this record either
                if (breaker != null) {
                    breaker.releasePermission();
                }
                lastError = nested;
                attemptRecords.add(new AttemptRecord(attempts, delayBeforeNextMillis, AttemptRecord.Outcome.FAILED,
                        nested.getClass().getName(), redact(nested.getMessage()), now));
                return openCircuitWithoutWaiting(nested);
            }
            Classification c = classifier.classify(error);
            lastError = error;
            lastClassification = c;
            attemptRecords.add(new AttemptRecord(attempts, delayBeforeNextMillis, AttemptRecord.Outcome.FAILED,
                    error.getClass().getName(), redact(error.getMessage()), now));
            delayBeforeNextMillis = 0;
            boolean counts = countsAgainstBreaker(c.category());
            if (breaker != null) {
                if (counts) {
                    breaker.onFailure(transitionSink, context);
                } else {
                    breaker.releasePermission();
                }
            }
            CategoryPolicy policy = policies.get(c.category());
            RetryPolicy retry = policy.retry().retries() && options.retryOrNull() != null
                    ? options.retryOrNull() : policy.retry();
            if (error instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                return interrupted(c);
            }
            Duration elapsed = Duration.ofMillis(clock.millis() - startMillis);
            Duration delay = attempts < retry.maxAttempts() ? retry.delayBefore(attempts, random) : null;
            boolean again = delay != null && retry.allowsAnotherAttempt(attempts, elapsed, delay);
            if (breaker != null && counts && breaker.state() == CircuitBreaker.State.OPEN
                    && (again || policy.onExhausted() != OnExhausted.STOP_RUN)) {
                // the dependency is down: the breaker's behaviour applies, the record is not quarantined
                return null;
            }
            if (!again) {
                return exhausted(policy, retry, c, error);
            }
            LOG.debug("{} failed (attempt {} of {}, {}/{}): {}: {}; retrying in {}", what(), attempts,
                    retry.maxAttempts(), c.category(), c.type(), error.getClass().getName(),
                    redact(error.getMessage()), Durations.format(delay));
            if (!sleep(delay)) {
                return interrupted(c);
            }
            delayBeforeNextMillis = delay.toMillis();
            return null;
        }

        /** The breaker refused; returns the outcome, or null once a trial call is permitted (WAIT). */
        private CallOutcome<T> onRefused() {
            while (true) {
                CircuitOpenException refusal = refusal();
                OpenCircuitBehaviour behaviour = options.onOpenCircuit();
                if (behaviour != OpenCircuitBehaviour.WAIT) {
                    return openCircuitWithoutWaiting(refusal);
                }
                Duration wait = breaker.nextTrialAt()
                        .map(at -> Duration.between(clock.instant(), at))
                        .filter(d -> !d.isNegative() && !d.isZero())
                        .orElse(HALF_OPEN_POLL);
                if (waitedForHalfOpen.plus(wait).compareTo(options.maxWaitForHalfOpen()) > 0) {
                    return circuitOpenStop(refusal);
                }
                LOG.debug("{}: circuit breaker '{}' is {}, waiting {} for a trial call", what(), breaker.name(),
                        breaker.state(), Durations.format(wait));
                if (!sleep(wait)) {
                    return interrupted(lastClassification != null ? lastClassification : CIRCUIT_OPEN);
                }
                waitedForHalfOpen = waitedForHalfOpen.plus(wait);
                delayBeforeNextMillis += wait.toMillis();
                if (breaker.tryAcquirePermission(transitionSink, context)) {
                    return null;
                }
            }
        }

        private CircuitOpenException refusal() {
            CircuitBreaker.State state = breaker.state();
            circuitOpen = new CircuitOpenException(breaker.name(), state, breaker.nextTrialAt().orElse(null),
                    lastError);
            return circuitOpen;
        }

        private CallOutcome<T> openCircuitWithoutWaiting(CircuitOpenException refusal) {
            Fallback<? extends T> fallback = options.fallbackOrNull();
            if (options.onOpenCircuit() != OpenCircuitBehaviour.STOP && fallback != null) {
                FailureInfo info = new FailureInfo(refusal, CIRCUIT_OPEN, attempts, true, refusal.breakerName());
                CallOutcome<T> fellBack = tryFallback(fallback, info, refusal, CIRCUIT_OPEN);
                if (fellBack != null) {
                    return fellBack;
                }
            }
            return circuitOpenStop(refusal);
        }

        private CallOutcome<T> circuitOpenStop(CircuitOpenException refusal) {
            Instant now = clock.instant();
            record(refusal, CIRCUIT_OPEN, FailureRecord.Outcome.CIRCUIT_OPEN, now);
            action(context, Action.RUN_STOPPED, refusal.breakerName(), refusal.getMessage(), now);
            return new CallOutcome.Failed<>(Decision.CIRCUIT_OPEN_STOP, CIRCUIT_OPEN, refusal, attempts);
        }

        private CallOutcome<T> exhausted(CategoryPolicy policy, RetryPolicy retry, Classification c, Throwable error) {
            Instant now = clock.instant();
            if (retry.retries()) {
                action(context, Action.RETRIES_EXHAUSTED, target(), attempts + " of " + retry.maxAttempts()
                        + " attempts made: " + error.getClass().getName() + ": " + error.getMessage(), now);
            }
            if (policy.onExhausted() == OnExhausted.QUARANTINE) {
                Fallback<? extends T> fallback = options.fallbackOrNull();
                if (fallback != null) {
                    FailureInfo info = new FailureInfo(error, c, attempts, false, dependency);
                    CallOutcome<T> fellBack = tryFallback(fallback, info, error, c);
                    if (fellBack != null) {
                        return fellBack;
                    }
                }
                record(error, c, FailureRecord.Outcome.QUARANTINED, now);
                action(context, Action.QUARANTINED, target(), c.category() + "/" + c.type() + ": "
                        + error.getClass().getName() + ": " + error.getMessage(), now);
                escalate(policy, c, error, false, now);
                return new CallOutcome.Failed<>(Decision.QUARANTINE, c, error, attempts);
            }
            record(error, c, FailureRecord.Outcome.RUN_STOPPED, now);
            action(context, Action.RUN_STOPPED, target(), c.category() + "/" + c.type() + ": "
                    + error.getClass().getName() + ": " + error.getMessage(), now);
            escalate(policy, c, error, true, now);
            return new CallOutcome.Failed<>(Decision.STOP_RUN, c, error, attempts);
        }

        private void escalate(CategoryPolicy policy, Classification c, Throwable error, boolean stops, Instant now) {
            if (!policy.escalate()) {
                return;
            }
            String message = (stops ? "run stopped: " : "") + what() + " failed with a " + c.category()
                    + " error (" + c.type() + "): " + error.getClass().getName() + ": " + redact(error.getMessage())
                    + (c.remediation().isEmpty() ? "" : " — " + c.remediation());
            action(context, Action.ESCALATED, target(), message, now);
            if (stops) {
                alert(Alert.Level.CRITICAL, Alert.Kind.RUN_STOPPED, context, message, now);
            }
        }

        private CallOutcome<T> interrupted(Classification c) {
            Thread.currentThread().interrupt();
            Instant now = clock.instant();
            Throwable error = lastError != null ? lastError : circuitOpen;
            if (error == null) {
                error = new InterruptedException("interrupted while waiting");
            }
            record(error, c, FailureRecord.Outcome.RUN_STOPPED, now);
            action(context, Action.RUN_STOPPED, target(), "interrupted: " + what() + " abandoned", now);
            return new CallOutcome.Failed<>(Decision.STOP_RUN, c, error, attempts);
        }

        private CallOutcome<T> tryFallback(Fallback<? extends T> fallback, FailureInfo info, Throwable error,
                                           Classification c) {
            T value;
            try {
                value = fallback.apply(info);
            } catch (Exception e) {
                LOG.warn("{}: the fallback failed too: {}: {}", what(), e.getClass().getName(),
                        redact(e.getMessage()));
                error.addSuppressed(e);
                return null;
            }
            Instant now = clock.instant();
            record(error, c, FailureRecord.Outcome.FALLBACK_USED, now);
            action(context, Action.FALLBACK_USED, target(), (info.circuitOpen() ? "circuit open: " : "after "
                    + attempts + (attempts == 1 ? " attempt: " : " attempts: ")) + error.getClass().getName()
                    + ": " + error.getMessage(), now);
            return new CallOutcome.FellBack<>(value, info);
        }

        private CallOutcome<T> recovered(T value) {
            Instant now = clock.instant();
            attemptRecords.add(new AttemptRecord(attempts, delayBeforeNextMillis, AttemptRecord.Outcome.SUCCEEDED,
                    null, null, now));
            Throwable error = lastError != null ? lastError : circuitOpen;
            Classification c = lastClassification != null ? lastClassification : CIRCUIT_OPEN;
            if (error != null) {
                record(error, c, FailureRecord.Outcome.RECOVERED, now);
            }
            if (attempts > 1) {
                action(context, Action.RETRIED_AND_SUCCEEDED, target(), "succeeded at attempt " + attempts
                        + (lastError != null ? " after " + lastError.getClass().getName() : ""), now);
            }
            return new CallOutcome.Succeeded<>(value, attempts);
        }

        private void record(Throwable error, Classification c, FailureRecord.Outcome outcome, Instant now) {
            try {
                String message = redact(error.getMessage());
                String exceptionClass = error.getClass().getName();
                FailureRecord r = new FailureRecord(context, dependency, exceptionClass, message, digest(error), c,
                        ErrorFingerprint.of(c.category(), exceptionClass, context.step(), message), attempts,
                        outcome, now, attemptRecords);
                journal.failure(r);
            } catch (RuntimeException e) {
                LOG.warn("recovery journal {} failed to record a failure ({}); ignored", journal, outcome, e);
            }
        }

        private String digest(Throwable error) {
            return redactor.redactedStackDigest(error, DIGEST_FRAMES);
        }

        private String target() {
            return dependency != null ? dependency : context.step();
        }

        private String what() {
            return dependency == null ? "call" : "call to '" + dependency + "'";
        }
    }

    /** Builds an {@link ErrorRecoveryManager}. Not thread-safe. */
    public static final class Builder {
        private ErrorClassifier classifier = ErrorClassifier.defaults();
        private RecoveryPolicies policies = RecoveryPolicies.defaults();
        private CircuitBreakerRegistry breakers;
        private CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.defaults();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private RandomGenerator random;
        private AlertListener alertListener = AlertListener.logging();
        private RecoveryJournal journal = RecoveryJournal.logging();
        private Redactor redactor = Redactor.defaults();

        private Builder() {
        }

        /** Default {@link ErrorClassifier#defaults()}. */
        public Builder classifier(ErrorClassifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /**
         * Takes the decision matrix ({@link RecoveryConfig#recoveryPolicies()}) and, for the default registry
         * only, the breaker config ({@link RecoveryConfig#circuitBreakerConfig()}) of a pipeline's configuration.
         * A registry given to {@link #breakers} keeps its own configs.
         */
        public Builder config(RecoveryConfig config) {
            Objects.requireNonNull(config, "config");
            this.policies = config.recoveryPolicies();
            this.breakerConfig = config.circuitBreakerConfig();
            return this;
        }

        /** Default {@link RecoveryPolicies#defaults()}. */
        public Builder policies(RecoveryPolicies policies) {
            this.policies = Objects.requireNonNull(policies, "policies");
            return this;
        }

        /**
         * The breakers (default: an in-memory registry with the default config, or the one of {@link #config},
         * and this builder's clock). A registry given here keeps its own clock and configs.
         */
        public Builder breakers(CircuitBreakerRegistry breakers) {
            this.breakers = Objects.requireNonNull(breakers, "breakers");
            return this;
        }

        /** Default: the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Default {@link Sleeper#system()}. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * The source of jitter (default: {@link ThreadLocalRandom} of the calling thread). Used from every calling
         * thread: it must be thread-safe if the manager is shared.
         */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Default {@link AlertListener#logging()}. */
        public Builder alertListener(AlertListener alertListener) {
            this.alertListener = Objects.requireNonNull(alertListener, "alertListener");
            return this;
        }

        /** Default {@link RecoveryJournal#logging()}. */
        public Builder journal(RecoveryJournal journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /** Default {@link Redactor#defaults()}. */
        public Builder redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /** The manager. */
        public ErrorRecoveryManager build() {
            return new ErrorRecoveryManager(this);
        }
    }
}
