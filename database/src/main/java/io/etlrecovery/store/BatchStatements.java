package io.etlrecovery.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * Plain JDBC for the rows a run writes in every batch, which Jdbi's per-row binding made several times dearer
 * than the database's own work: positional parameters, values bound as Jdbi binds them (an {@link Instant} as a
 * {@link Timestamp}, a {@link LocalDate} as an object, a null with its column's {@link Types type}), one JDBC
 * batch per call. The database caches the
 * parsed statement per connection, and the store reuses its connections. Failures surface as a
 * {@link JdbiException}, so the store reports them as it reports any other.
 */
final class BatchStatements {

    private BatchStatements() {
    }

    /** Runs {@code sql} once per row, as one JDBC batch; returns the update count of each row. */
    static <T> int[] executeBatch(Handle handle, String sql, int[] types, List<T> rows, Function<T, Object[]> values) {
        if (rows.isEmpty()) return new int[0];
        try (PreparedStatement ps = handle.getConnection().prepareStatement(sql)) {
            addRows(ps, types, rows, values);
            return ps.executeBatch();
        } catch (SQLException e) {
            throw new Failure(sql, e);
        }
    }

    /**
     * Inserts the rows as one JDBC batch and returns their generated ids, in order: the first column of the
     * generated keys (H2 returns the identity column; PostgreSQL every column, the identity first in this schema).
     */
    static <T> long[] insertReturningIds(Handle handle, String sql, int[] types, List<T> rows,
                                         Function<T, Object[]> values) {
        if (rows.isEmpty()) return new long[0];
        try (PreparedStatement ps = handle.getConnection().prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            addRows(ps, types, rows, values);
            ps.executeBatch();
            long[] ids = new long[rows.size()];
            int n = 0;
            try (ResultSet keys = ps.getGeneratedKeys()) {
                while (keys.next() && n < ids.length) ids[n++] = keys.getLong(1);
            }
            if (n != ids.length) {
                throw new SQLException("the database returned " + n + " generated ids for " + ids.length + " rows");
            }
            return ids;
        } catch (SQLException e) {
            throw new Failure(sql, e);
        }
    }

    /** Runs {@code sql} once with {@code values}; returns the update count. */
    static int executeUpdate(Handle handle, String sql, int[] types, Object... values) {
        try (PreparedStatement ps = handle.getConnection().prepareStatement(sql)) {
            bind(ps, types, values);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new Failure(sql, e);
        }
    }

    private static <T> void addRows(PreparedStatement ps, int[] types, List<T> rows, Function<T, Object[]> values)
            throws SQLException {
        for (T row : rows) {
            bind(ps, types, values.apply(row));
            ps.addBatch();
        }
    }

    /** Binds {@code values} in order; a null as {@code types[i]}, a {@link Types} constant. */
    private static void bind(PreparedStatement ps, int[] types, Object[] values) throws SQLException {
        if (values.length != types.length) {
            throw new IllegalArgumentException(values.length + " values for " + types.length + " parameters");
        }
        for (int i = 0; i < values.length; i++) {
            int p = i + 1;
            Object v = values[i];
            if (v == null) {
                ps.setNull(p, types[i]);
            } else if (v instanceof String s) {
                ps.setString(p, s);
            } else if (v instanceof Long l) {
                ps.setLong(p, l);
            } else if (v instanceof Integer n) {
                ps.setInt(p, n);
            } else if (v instanceof Instant t) {
                ps.setTimestamp(p, Timestamp.from(t));
            } else if (v instanceof Boolean b) {
                ps.setBoolean(p, b);
            } else if (v instanceof LocalDate d) {
                ps.setObject(p, d);
            } else {
                throw new IllegalArgumentException("cannot bind a " + v.getClass().getName() + " (parameter " + p + ")");
            }
        }
    }

    /** A failed statement, reported like Jdbi's own failures. */
    static final class Failure extends JdbiException {
        private static final long serialVersionUID = 1L;

        Failure(String sql, SQLException cause) {
            super(cause.getMessage() + " [statement: " + sql.substring(0, Math.min(sql.length(), 80)) + "...]", cause);
        }
    }
}
