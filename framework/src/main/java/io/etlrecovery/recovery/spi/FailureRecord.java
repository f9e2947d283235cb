package io.etlrecovery.recovery.spi;

import io.etlrecovery.recovery.Classification;
import io.etlrecovery.recovery.ErrorContext;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One failed call episode, written once it is resolved (recovered by a retry, replaced by a fallback, or ended by
 * a decision). Immutable; every text is already redacted.
 *
 * <p>For an episode that involved a refusal by an open circuit breaker and did not recover, the exception is the
 * {@link io.etlrecovery.recovery.CircuitOpenException}, the classification is TRANSIENT / CIRCUIT_OPEN and the
 * outcome {@link Outcome#CIRCUIT_OPEN} or {@link Outcome#FALLBACK_USED}: never a DATA failure. The real failures
 * that preceded it are in {@link #attempts()}.
 *
 * @param context        where it happened
 * @param dependency     the circuit breaker's name, or {@code null}
 * @param exceptionClass the class name of the last exception
 * @param message        its redacted message
 * @param stackDigest    its redacted stack digest
 * @param classification how it was classified
 * @param fingerprint    groups identical failures (category, exception, step, normalised message)
 * @param attemptCount   how many times the call was made
 * @param outcome        how the episode ended
 * @param occurredAt     when it was resolved
 * @param attempts       each attempt, in order
 */
public record FailureRecord(ErrorContext context, String dependency, String exceptionClass, String message,
                            String stackDigest, Classification classification, String fingerprint, int attemptCount,
                            Outcome outcome, Instant occurredAt, List<AttemptRecord> attempts) {

    /** How a failure episode ended. */
    public enum Outcome {
        /** A retry (or a trial after waiting for the breaker) succeeded. */
        RECOVERED,
        /** The fallback's value replaced the call's. */
        FALLBACK_USED,
        /** Given up on this record: it goes to quarantine (standalone: the exception was thrown to the caller). */
        QUARANTINED,
        /** The run must stop. */
        RUN_STOPPED,
        /** The dependency's breaker was open: the run stops resumably, the record is not at fault. */
        CIRCUIT_OPEN
    }

    public FailureRecord {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(exceptionClass, "exceptionClass");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(occurredAt, "occurredAt");
        message = message == null ? "" : message;
        stackDigest = stackDigest == null ? "" : stackDigest;
        attempts = List.copyOf(attempts);
    }
}
