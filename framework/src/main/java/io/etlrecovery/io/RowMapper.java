package io.etlrecovery.io;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Turns the current row of a result set into a value. It must only read the current row (never call
 * {@code next()} or close the result set). An exception fails that row alone: {@link JdbcSource} returns it as a
 * failed record with the row's raw text, and the read goes on.
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
public interface RowMapper<T> {

    /** The value of the current row; must not be {@code null}. */
    T map(ResultSet row) throws SQLException;
}
