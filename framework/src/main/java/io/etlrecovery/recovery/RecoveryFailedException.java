package io.etlrecovery.recovery;

import io.etlrecovery.EtlRecoveryException;

import java.util.Objects;
import java.util.Optional;

/**
 * Thrown by {@link ErrorRecoveryManager#execute} when a call failed for good (its retries exhausted or its
 * category not retried) and no fallback replaced it. The call's exception, checked or not, is the
 * {@linkplain #getCause() cause}; the message names the dependency, the category and type, the attempts, the
 * decision and the cause's redacted message.
 */
public final class RecoveryFailedException extends EtlRecoveryException {

    private final transient Classification classification;
    private final int attempts;
    private final Decision decision;
    private final String dependency;

    /**
     * @param message        the (redacted) message
     * @param cause          the call's last exception
     * @param classification its classification
     * @param attempts       how many times the call was made
     * @param decision       the final decision
     * @param dependency     the breaker's name, or {@code null}
     */
    public RecoveryFailedException(String message, Throwable cause, Classification classification, int attempts,
                                   Decision decision, String dependency) {
        super(message, cause);
        this.classification = Objects.requireNonNull(classification, "classification");
        this.attempts = attempts;
        this.decision = Objects.requireNonNull(decision, "decision");
        this.dependency = dependency;
    }

    /** How the last exception was classified. */
    public Classification classification() {
        return classification;
    }

    /** How many times the call was made. */
    public int attempts() {
        return attempts;
    }

    /** The final decision ({@link Decision#QUARANTINE} or {@link Decision#STOP_RUN}). */
    public Decision decision() {
        return decision;
    }

    /** The breaker's name, if the call had one. */
    public Optional<String> dependency() {
        return Optional.ofNullable(dependency);
    }
}
