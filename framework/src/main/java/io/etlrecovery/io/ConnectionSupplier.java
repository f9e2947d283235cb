package io.etlrecovery.io;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hands out JDBC connections, for example {@code dataSource::getConnection} or
 * {@code () -> DriverManager.getConnection(url, user, password)}. Each call returns a connection that the
 * caller owns and closes; a pool is the usual implementation.
 */
@FunctionalInterface
public interface ConnectionSupplier {

    /** A connection the caller will close. */
    Connection get() throws SQLException;
}
