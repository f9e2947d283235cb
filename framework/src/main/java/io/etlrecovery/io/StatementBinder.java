package io.etlrecovery.io;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Sets the parameters of a prepared statement from one item: parameter 1 for the first column of the
 * statement's column list, 2 for the second, and so on. Used by {@link JdbcSink} and {@link Upsert}; it must
 * not execute the statement or add it to a batch.
 *
 * @param <T> the type of the items
 */
@FunctionalInterface
public interface StatementBinder<T> {

    /** Binds {@code item}'s values to parameters 1..n of {@code statement}. */
    void bind(PreparedStatement statement, T item) throws SQLException;
}
