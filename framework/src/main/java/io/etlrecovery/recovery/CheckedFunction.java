package io.etlrecovery.recovery;

/**
 * A function that may throw a checked exception; see {@link ErrorRecoveryManager#decorate}.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
@FunctionalInterface
public interface CheckedFunction<I, O> {

    /** Applies the function. */
    O apply(I input) throws Exception;
}
