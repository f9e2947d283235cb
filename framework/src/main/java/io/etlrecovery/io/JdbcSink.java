package io.etlrecovery.io;

import io.etlrecovery.io.internal.SqlIdentifiers;
import io.etlrecovery.pipeline.Compensable;
import io.etlrecovery.pipeline.Sink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Writes each batch into a table of the store's own database through {@link WriteContext#connection()}, so
 * the rows commit in the batch's transaction with its checkpoint (exactly-once); one prepared statement and
 * one JDBC batch per {@link #write} call.
 *
 * <pre>{@code
 * JdbcSink<Order> sink = JdbcSink.<Order>builder("ORDERS_CLEAN")
 *         .column("ORDER_ID", Order::id)
 *         .column("AMOUNT", Order::amount)
 *         .runColumn("LOADED_RUN_ID")
 *         .build();
 * }</pre>
 *
 * <p>Columns are given either one by one with a value function each ({@link Builder#column}; values are
 * bound with {@code setObject}, null with {@code setNull}), or as a list with one {@link StatementBinder}
 * ({@link Builder#columns}, {@link Builder#binder}) that sets parameters 1..n itself.
 *
 * <p><b>Run column.</b> With {@link Builder#runColumn}, every row also gets the run id in that column, and
 * {@link #compensate} (rollback of a run) deletes {@code WHERE <runColumn> = ?}, returning the count. Without
 * it, {@code compensate} throws: the sink cannot tell which rows a run wrote.
 *
 * <p><b>Upsert.</b> With {@link Builder#upsertOn}, rows are written by key with a standard MERGE (see
 * {@link Upsert}): writing the same batch twice leaves one copy. The run column, if any, is set on insert and
 * on update, so compensating a run deletes the rows it last wrote, including rows it updated (their earlier
 * values are not restored). A null value is bound with its column's JDBC type (read from the table once per
 * write that has one), so that PostgreSQL accepts it; its driver cannot type a null TIMESTAMP or TIME though,
 * so on PostgreSQL an upsert of a null into such a column fails: write those rows with a plain INSERT sink.
 *
 * <p>Table and column names are validated SQL identifiers; values are always bound parameters. The sink keeps
 * no state between calls. Defaults: plain INSERT, no run column. Immutable and thread-safe when the value
 * functions or binder are.
 *
 * @param <T> the type of the items written
 */
public final class JdbcSink<T> implements Sink<T>, Compensable {

    private final String table;
    private final List<String> columns;
    private final List<Function<? super T, ?>> values;
    private final StatementBinder<? super T> binder;
    private final String runColumn;
    private final String sql;
    private final String deleteSql;
    /** For an upsert: reads no row, only the written columns' types (see {@link #nullTypes}). */
    private final String typesSql;

    private JdbcSink(Builder<T> b) {
        this.table = b.table;
        this.columns = List.copyOf(b.columns);
        this.values = b.values.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(b.values));
        this.binder = b.binder;
        this.runColumn = b.runColumn;
        List<String> all = new ArrayList<>(columns);
        if (runColumn != null) {
            all.add(runColumn);
        }
        if (b.upsertKeys != null) {
            this.sql = Upsert.into(table).key(b.upsertKeys).columns(all.toArray(new String[0])).sql();
        } else {
            this.sql = "INSERT INTO " + table + " (" + String.join(", ", all) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(all.size(), "?")) + ")";
        }
        this.deleteSql = runColumn == null ? null : "DELETE FROM " + table + " WHERE " + runColumn + " = ?";
        this.typesSql = b.upsertKeys == null ? null
                : "SELECT " + String.join(", ", columns) + " FROM " + table + " WHERE 1 = 0";
    }

    /**
     * A builder for a sink into {@code table} ({@code SCHEMA.TABLE} allowed).
     *
     * @throws IllegalArgumentException if {@code table} is not an SQL identifier
     */
    public static <T> Builder<T> builder(String table) {
        return new Builder<>(SqlIdentifiers.table(table, "table"));
    }

    @Override
    public void write(List<? extends T> items, WriteContext context) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        int run = columns.size() + 1;
        int[] nullTypes = null;
        try (PreparedStatement ps = context.connection().prepareStatement(sql)) {
            for (T item : items) {
                if (binder != null) {
                    binder.bind(ps, item);
                } else {
                    for (int i = 0; i < values.size(); i++) {
                        Object v = values.get(i).apply(item);
                        if (v == null) {
                            if (typesSql != null && nullTypes == null) {
                                nullTypes = nullTypes(context.connection());
                            }
                            ps.setNull(i + 1, nullTypes == null ? Types.NULL : nullTypes[i]);
                        } else {
                            ps.setObject(i + 1, v);
                        }
                    }
                }
                if (runColumn != null) {
                    ps.setLong(run, context.runId());
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The JDBC types of the written columns, to bind a NULL in an upsert with its column's type: the MERGE's
     * {@code VALUES} take their types from the bound values, and PostgreSQL reads an untyped NULL there as text,
     * which it will not store in a DATE or numeric column. Asked once per {@link #write} that has a NULL.
     */
    private int[] nullTypes(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(typesSql); ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            int[] types = new int[columns.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = md.getColumnType(i + 1);
            }
            return types;
        }
    }

    /**
     * Deletes the rows run {@code runId} wrote ({@code DELETE FROM <table> WHERE <runColumn> = ?}) through
     * {@code connection}; returns how many.
     *
     * @throws UnsupportedOperationException if the sink has no run column
     */
    @Override
    public long compensate(long runId, Connection connection) throws SQLException {
        if (deleteSql == null) {
            throw new UnsupportedOperationException("JdbcSink into " + table + " has no runColumn, so it cannot tell "
                    + "which rows run " + runId + " wrote; build it with runColumn(...) to allow a rollback");
        }
        try (PreparedStatement ps = connection.prepareStatement(deleteSql)) {
            ps.setLong(1, runId);
            return ps.executeLargeUpdate();
        }
    }

    /** Whether {@link #compensate} can remove a run's rows (a run column is set). */
    public boolean canCompensate() {
        return deleteSql != null;
    }

    /** The statement each item is written with (INSERT or MERGE), for logs and tests. */
    public String sql() {
        return sql;
    }

    @Override
    public String toString() {
        return "JdbcSink[" + table + " " + columns + (runColumn != null ? " run " + runColumn : "") + "]";
    }

    /**
     * Configures a {@link JdbcSink}; each setter validates its argument at once and names it in the exception.
     * Not thread-safe.
     *
     * @param <T> the type of the items written
     */
    public static final class Builder<T> {
        private final String table;
        private final List<String> columns = new ArrayList<>();
        private final List<Function<? super T, ?>> values = new ArrayList<>();
        private StatementBinder<? super T> binder;
        private boolean columnList;
        private String runColumn;
        private String[] upsertKeys;

        private Builder(String table) {
            this.table = table;
        }

        /**
         * Adds a column whose value is {@code value.apply(item)}, bound with {@code setObject} (null with
         * {@code setNull}). Cannot be mixed with {@link #columns}/{@link #binder}.
         *
         * @throws IllegalArgumentException if {@code name} is not an SQL identifier or repeats a column
         * @throws IllegalStateException    if {@link #columns} was used
         */
        public Builder<T> column(String name, Function<? super T, ?> value) {
            if (columnList) {
                throw new IllegalStateException("column(...) cannot be mixed with columns(...) and binder(...)");
            }
            addColumn(name, "column");
            values.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * The columns that a {@link #binder} sets, as parameters 1..n in this order. Cannot be mixed with
         * {@link #column}.
         *
         * @throws IllegalArgumentException if a name is not an SQL identifier or repeats, or none is given
         * @throws IllegalStateException    if {@link #column} was used
         */
        public Builder<T> columns(String... names) {
            Objects.requireNonNull(names, "columns");
            if (!values.isEmpty()) {
                throw new IllegalStateException("columns(...) cannot be mixed with column(name, value)");
            }
            if (names.length == 0) {
                throw new IllegalArgumentException("columns: at least one column is required");
            }
            columns.clear();
            for (String name : names) {
                addColumn(name, "columns");
            }
            columnList = true;
            return this;
        }

        /** Sets parameters 1..n for the {@link #columns}, for each item. */
        public Builder<T> binder(StatementBinder<? super T> binder) {
            this.binder = Objects.requireNonNull(binder, "binder");
            return this;
        }

        /**
         * A column that receives the run id, which makes the sink compensable (default: none).
         *
         * @throws IllegalArgumentException if {@code name} is not an SQL identifier
         */
        public Builder<T> runColumn(String name) {
            this.runColumn = SqlIdentifiers.column(name, "runColumn");
            return this;
        }

        /**
         * Writes by key with a MERGE instead of INSERT (default: INSERT); the keys must be among the columns.
         *
         * @throws IllegalArgumentException if none is given or one is not an SQL identifier
         */
        public Builder<T> upsertOn(String... keyColumns) {
            Objects.requireNonNull(keyColumns, "upsertOn");
            if (keyColumns.length == 0) {
                throw new IllegalArgumentException("upsertOn: at least one key column is required");
            }
            for (String k : keyColumns) {
                SqlIdentifiers.column(k, "upsertOn");
            }
            this.upsertKeys = keyColumns.clone();
            return this;
        }

        private void addColumn(String name, String parameter) {
            SqlIdentifiers.column(name, parameter);
            for (String c : columns) {
                if (c.equalsIgnoreCase(name)) {
                    throw new IllegalArgumentException(parameter + ": column '" + name + "' is given twice");
                }
            }
            columns.add(name);
        }

        /**
         * The sink.
         *
         * @throws IllegalStateException if no column is given, {@code columns} has no binder, the run column is
         *                               also a written column, or an upsert key is not a written column
         */
        public JdbcSink<T> build() {
            if (columns.isEmpty()) {
                throw new IllegalStateException("JdbcSink into " + table + " needs column(...) or columns(...)");
            }
            if (columnList && binder == null) {
                throw new IllegalStateException("JdbcSink into " + table + ": columns(...) needs binder(...)");
            }
            if (!columnList && binder != null) {
                throw new IllegalStateException("JdbcSink into " + table + ": binder(...) needs columns(...)");
            }
            if (runColumn != null && columns.stream().anyMatch(runColumn::equalsIgnoreCase)) {
                throw new IllegalStateException("runColumn '" + runColumn + "' is also a written column");
            }
            if (upsertKeys != null) {
                for (String k : upsertKeys) {
                    if (columns.stream().noneMatch(k::equalsIgnoreCase)) {
                        throw new IllegalStateException("upsertOn key '" + k + "' is not among the columns "
                                + columns);
                    }
                }
            }
            return new JdbcSink<>(this);
        }
    }
}
