package io.etlrecovery.recovery;

import java.util.Objects;

/**
 * What a {@link Fallback} is told about the failure it replaces. Immutable.
 *
 * @param lastError      the last exception: the call's own, or a {@link CircuitOpenException} when the breaker
 *                       refused the call
 * @param classification how {@code lastError} was classified (a refusal by an open breaker is classified as
 *                       TRANSIENT / CIRCUIT_OPEN without asking the classifier)
 * @param attempts       how many times the call was actually made (0 if the breaker refused the first one)
 * @param circuitOpen    whether the fallback is used because the breaker is open
 * @param dependency     the breaker's name, or {@code null} if the call has none
 */
public record FailureInfo(Throwable lastError, Classification classification, int attempts, boolean circuitOpen,
                          String dependency) {
    public FailureInfo {
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(classification, "classification");
    }
}
