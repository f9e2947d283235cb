package io.etlrecovery.recovery;

/**
 * Hears every state change of the circuit breakers of a {@link CircuitBreakerRegistry}.
 *
 * <p>Called synchronously on the thread that caused the transition, after the breaker released its lock. A
 * listener that throws is logged at WARN and otherwise ignored: it cannot stop the transition or other
 * listeners. Listeners should be quick.
 */
@FunctionalInterface
public interface BreakerListener {

    /** Called once per transition. */
    void onTransition(BreakerTransition transition);
}
