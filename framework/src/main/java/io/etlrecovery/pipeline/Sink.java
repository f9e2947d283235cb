package io.etlrecovery.pipeline;

import java.sql.Connection;
import java.util.List;

/**
 * Where a batch step writes the records that survived its processors.
 *
 * <p><b>Delivery.</b> A sink that writes through {@link WriteContext#connection()} writes into the store's own
 * database in the same transaction as the batch's checkpoint, quarantine and error rows: exactly-once. A sink
 * to anything else (a file, a service, another database) is at-least-once: a crash after its write but before
 * the batch commits writes that batch again on resume, so it should be idempotent (see
 * {@code io.etlrecovery.io.Upsert}). Either way the checkpoint never advances past a batch whose write threw.
 *
 * <p>When {@code write} fails with a DATA failure (a constraint violation, a value too long), the runner rolls
 * the batch back and writes its records one by one, each under a savepoint, to quarantine only the offending
 * records; so {@code write} must not keep state across calls that a rollback would leave wrong.
 *
 * <p><b>Threads.</b> The runner calls {@code write} on the step's writer thread, one batch at a time and in input
 * order, while the step's processors already work on the next batch. A sink needs no locking of its own, but must
 * not share unguarded state with the processors.
 *
 * @param <T> the type of the records written
 */
@FunctionalInterface
public interface Sink<T> {

    void write(List<? extends T> items, WriteContext context) throws Exception;

    /** What a sink may use while writing one batch. */
    interface WriteContext {
        /**
         * The batch's transaction on the store's database; do not commit, roll back or close it, nor change its
         * settings (schema, read-only, isolation): the store reuses the connection.
         */
        Connection connection();

        long runId();

        String pipeline();

        String step();

        long batchNumber();
    }
}
