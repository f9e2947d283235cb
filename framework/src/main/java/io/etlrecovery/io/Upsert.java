package io.etlrecovery.io;

import io.etlrecovery.io.internal.SqlIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An idempotent write of rows into a table by key: a row whose key exists is updated, any other is inserted,
 * so writing the same rows twice leaves one copy of each.
 *
 * <p><b>Why.</b> A sink that writes into the store's own database through
 * {@code WriteContext.connection()} commits in the batch's transaction: exactly-once. A sink writing anywhere
 * else is <em>at-least-once</em>: if the run crashes after the write but before the batch's checkpoint
 * commits, the resumed run writes that batch again. Writing by key makes the repetition harmless.
 *
 * <pre>{@code
 * Upsert upsert = Upsert.into("ORDERS").key("ORDER_ID").columns("ORDER_ID", "AMOUNT", "STATUS");
 * upsert.execute(connection, orders, (ps, o) -> {
 *     ps.setLong(1, o.id());
 *     ps.setBigDecimal(2, o.amount());
 *     ps.setString(3, o.status());
 * });
 * }</pre>
 *
 * <p>The statement is the standard {@code MERGE INTO t USING (VALUES (?, ...)) AS s (c1, ...) ON t.k = s.k
 * WHEN MATCHED THEN UPDATE SET ... WHEN NOT MATCHED THEN INSERT ...}, which H2 2.x and PostgreSQL 15+ run
 * (the key needs no unique constraint, but should have one). The parameters of {@code VALUES} take their types
 * from the bound values, so bind typed values ({@code setLong}, {@code setObject(LocalDate)}...), not text,
 * for non-text columns. Names are validated SQL identifiers; values are always bound.
 *
 * <p>Immutable: {@link #key} and {@link #columns} return new instances.
 */
public final class Upsert {

    private final String table;
    private final List<String> keys;
    private final List<String> columns;

    private Upsert(String table, List<String> keys, List<String> columns) {
        this.table = table;
        this.keys = keys;
        this.columns = columns;
    }

    /**
     * An upsert into {@code table} ({@code SCHEMA.TABLE} allowed).
     *
     * @throws IllegalArgumentException if {@code table} is not an SQL identifier
     */
    public static Upsert into(String table) {
        return new Upsert(SqlIdentifiers.table(table, "table"), List.of(), List.of());
    }

    /**
     * The key columns that identify a row (replaces earlier keys).
     *
     * @throws IllegalArgumentException if none is given, one is not an SQL identifier, or one repeats
     */
    public Upsert key(String... keyColumns) {
        return new Upsert(table, names(keyColumns, "key"), columns);
    }

    /**
     * The columns written, in the order of the statement's parameters (replaces earlier columns); they must
     * include the key columns.
     *
     * @throws IllegalArgumentException if none is given, one is not an SQL identifier, or one repeats
     */
    public Upsert columns(String... writtenColumns) {
        return new Upsert(table, keys, names(writtenColumns, "columns"));
    }

    private static List<String> names(String[] names, String parameter) {
        Objects.requireNonNull(names, parameter);
        if (names.length == 0) {
            throw new IllegalArgumentException(parameter + ": at least one column is required");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            SqlIdentifiers.column(name, parameter);
            if (!seen.add(name.toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException(parameter + ": column '" + name + "' is given twice");
            }
        }
        return List.copyOf(Arrays.asList(names));
    }

    /** The table written. */
    public String table() {
        return table;
    }

    /** The key columns. */
    public List<String> keys() {
        return keys;
    }

    /** The columns written, in parameter order. */
    public List<String> columns() {
        return columns;
    }

    /**
     * The MERGE statement, with one parameter per column in {@link #columns()} order.
     *
     * @throws IllegalStateException if the keys or columns are missing, or a key is not among the columns
     */
    public String sql() {
        if (keys.isEmpty()) {
            throw new IllegalStateException("Upsert into " + table + " needs key(...)");
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException("Upsert into " + table + " needs columns(...)");
        }
        List<String> upper = columns.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList();
        List<String> keyUpper = new ArrayList<>();
        for (String k : keys) {
            String ku = k.toUpperCase(Locale.ROOT);
            if (!upper.contains(ku)) {
                throw new IllegalStateException("Upsert into " + table + ": key column '" + k
                        + "' is not among the columns " + columns);
            }
            keyUpper.add(ku);
        }
        String cols = String.join(", ", columns);
        StringBuilder sql = new StringBuilder(128 + columns.size() * 24)
                .append("MERGE INTO ").append(table).append(" AS tgt USING (VALUES (")
                .append(String.join(", ", Collections.nCopies(columns.size(), "?")))
                .append(")) AS src (").append(cols).append(") ON ");
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                sql.append(" AND ");
            }
            sql.append("tgt.").append(keys.get(i)).append(" = src.").append(keys.get(i));
        }
        List<String> updates = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!keyUpper.contains(upper.get(i))) {
                updates.add(columns.get(i) + " = src." + columns.get(i));
            }
        }
        if (!updates.isEmpty()) {
            sql.append(" WHEN MATCHED THEN UPDATE SET ").append(String.join(", ", updates));
        }
        sql.append(" WHEN NOT MATCHED THEN INSERT (").append(cols).append(") VALUES (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i > 0 ? ", src." : "src.").append(columns.get(i));
        }
        return sql.append(')').toString();
    }

    /**
     * Writes {@code items} with one prepared statement and one JDBC batch, through {@code connection}
     * (neither committed nor closed here); returns how many items were written.
     *
     * @throws IllegalStateException if the upsert is incomplete (see {@link #sql()})
     */
    public <T> int execute(Connection connection, List<? extends T> items, StatementBinder<? super T> binder)
            throws SQLException {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(binder, "binder");
        String sql = sql();
        if (items.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (T item : items) {
                binder.bind(ps, item);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return items.size();
    }

    @Override
    public String toString() {
        return "Upsert[" + table + " key " + keys + " columns " + columns + "]";
    }
}
