package io.etlrecovery.pipeline;

/**
 * One transformation of a batch step: validate, enrich, convert. Called once per record, under the
 * recovery manager: a thrown exception is classified and handled by policy (retried, quarantined, or the
 * run stopped), so a processor simply throws when something is wrong.
 *
 * <p>Throw {@link ValidationException} for a bad record; any other exception is classified by type,
 * SQLState and message. Return {@code null} to drop a record on purpose (counted as filtered).
 * A processor of a step with {@code threads(n > 1)} must be thread-safe.
 *
 * @param <I> input type
 * @param <O> output type
 */
@FunctionalInterface
public interface Processor<I, O> {
    O process(I item) throws Exception;
}
