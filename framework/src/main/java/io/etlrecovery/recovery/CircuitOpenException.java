package io.etlrecovery.recovery;

import io.etlrecovery.EtlRecoveryException;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A call was refused because its dependency's circuit breaker is open (or half-open with its trial calls taken).
 * The message names the breaker, its state and the next trial time. The record is not at fault: this is never a
 * DATA failure. Its {@linkplain #getCause() cause}, if any, is the last real failure of the call before the
 * refusal.
 *
 * <p>Does not fill in its stack trace: it is raised often while a breaker is open, and where it was raised says
 * nothing.
 */
public final class CircuitOpenException extends EtlRecoveryException {

    private final String breakerName;
    private final CircuitBreaker.State state;
    private final Instant nextTrialAt;

    /**
     * @param breakerName the breaker
     * @param state       its state when the call was refused
     * @param nextTrialAt when it lets a trial call through, or {@code null} if unknown (half-open)
     * @param cause       the last real failure of the call, or {@code null}
     */
    public CircuitOpenException(String breakerName, CircuitBreaker.State state, Instant nextTrialAt,
                                Throwable cause) {
        super(message(breakerName, state, nextTrialAt), cause);
        this.breakerName = Objects.requireNonNull(breakerName, "breakerName");
        this.state = Objects.requireNonNull(state, "state");
        this.nextTrialAt = nextTrialAt;
    }

    private static String message(String breakerName, CircuitBreaker.State state, Instant nextTrialAt) {
        return "circuit breaker '" + breakerName + "' is " + state
                + (nextTrialAt != null ? "; next trial at " + nextTrialAt
                : state == CircuitBreaker.State.HALF_OPEN ? "; its trial calls are in progress" : "");
    }

    /** The breaker's name. */
    public String breakerName() {
        return breakerName;
    }

    /** Its state when the call was refused. */
    public CircuitBreaker.State state() {
        return state;
    }

    /** When it lets a trial call through, if known. */
    public Optional<Instant> nextTrialAt() {
        return Optional.ofNullable(nextTrialAt);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
