package io.etlrecovery.pipeline;

import java.sql.Connection;

/**
 * A sink or task step that can undo what one run wrote, so that a bad load can be rolled back
 * ({@code runs rollback}). Rolling back a run calls this for each of its steps in reverse order, in one
 * transaction on the store's database where the steps write there.
 */
@FunctionalInterface
public interface Compensable {

    /**
     * Removes what run {@code runId} wrote, through {@code connection} (the rollback's transaction: do not
     * commit or close it). Returns how many rows or items were removed.
     */
    long compensate(long runId, Connection connection) throws Exception;
}
