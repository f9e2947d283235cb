package io.etlrecovery.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlrecovery.io.internal.JsonText;
import io.etlrecovery.io.internal.SelectShape;
import io.etlrecovery.io.internal.SqlIdentifiers;
import io.etlrecovery.pipeline.Position;
import io.etlrecovery.pipeline.RecordCodec;
import io.etlrecovery.pipeline.Source;
import io.etlrecovery.pipeline.SourceRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A resumable source of the rows of a table or query, read page by page with keyset pagination (never
 * {@code OFFSET}): each page is {@code WHERE key > <last key> ORDER BY key}, so a resume after a crash
 * starts right after the last committed row however far into the table it was.
 *
 * <pre>{@code
 * Source<Order> orders = JdbcSource.builder(dataSource)
 *         .select("SELECT order_id, order_date, amount FROM ORDERS_CLEAN")
 *         .keyColumn("order_id")
 *         .mapper(rs -> new Order(rs.getLong("order_id"), rs.getDate("order_date"), rs.getBigDecimal("amount")))
 *         .build();
 * }</pre>
 *
 * <p><b>Queries.</b> {@link Builder#table} reads {@code SELECT * FROM <table> WHERE key > ? ORDER BY key}.
 * {@link Builder#select} takes a query; a plain {@code SELECT ... FROM ... [WHERE cond]} gets the condition
 * added ({@code ... WHERE (cond) AND key > ? ORDER BY key}), so that the database can walk an index on the key.
 * Any other query (GROUP BY, UNION, its own ORDER BY or row limit, WITH...) is wrapped as a subquery:
 * {@code SELECT * FROM (<query>) q WHERE q.key > ? ORDER BY q.key}, which is always correct, but H2 then
 * sorts the rest of the result for every page (quadratic on large results; PostgreSQL pushes the condition
 * down). Every page ends with the standard {@code FETCH FIRST n ROWS ONLY}; the SQL runs on H2 and
 * PostgreSQL. The key is one column holding numbers or strings, unique and not null in the result (rows with
 * a null key are not read); for strings the order is the database's.
 *
 * <p><b>Records.</b> The n-th row read has {@code Position.ofKey(n, key)} and, as raw text, a compact JSON
 * object of its columns ({@code {"ORDER_ID":7,"AMOUNT":12.50,"ORDER_DATE":"2024-01-31"}}; numbers and
 * booleans as JSON literals, other values as strings). A row whose mapper throws is returned as a failed
 * record; an SQL error of the query itself is thrown by {@link Cursor#next()} (the source failed).
 *
 * <p><b>Connections.</b> Each page takes a connection from the supplier, reads the page and closes the
 * connection (returns it to the pool), so nothing is held between pages.
 *
 * <p><b>Resume.</b> The checkpoint's data is {@code {"key":"4711","type":"long"}} (type {@code long},
 * {@code decimal} or {@code string}, so that the key is bound with its type). The fingerprint is
 * {@code null}: a table changes, so neither the resume nor the reload check applies.
 *
 * <p>Defaults: page size 1000. Instances are immutable and thread-safe when the mapper is.
 *
 * @param <T> the type of the values
 */
public final class JdbcSource<T> implements Source<T> {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final Pattern LONG = Pattern.compile("-?\\d{1,18}");

    private final ConnectionSupplier connections;
    private final String describe;
    private final String keyColumn;
    private final String keyLabel;
    private final int pageSize;
    private final RowMapper<T> mapper;
    private final RecordCodec<T> codec;
    private final String firstPageSql;
    private final String nextPageSql;

    private JdbcSource(Builder<T> b) {
        this.connections = b.connections;
        this.keyColumn = b.keyColumn;
        this.pageSize = b.pageSize;
        this.mapper = b.mapper;
        this.codec = b.codec != null ? b.codec : new OpaqueCodec<>();
        this.keyLabel = keyColumn.substring(keyColumn.indexOf('.') + 1);
        String fetch = " FETCH FIRST " + pageSize + " ROWS ONLY";
        String base;
        String and;
        String key = keyColumn;
        if (b.table != null) {
            base = "SELECT * FROM " + b.table;
            and = " WHERE ";
            describe = "table " + b.table;
        } else {
            describe = "query " + b.query;
            SelectShape shape = SelectShape.of(b.query);
            if (!shape.plain()) {
                base = "SELECT * FROM (" + b.query + "\n) q";
                and = " WHERE ";
                key = "q." + keyLabel;
            } else if (shape.where() < 0) {
                base = b.query + "\n";
                and = "WHERE ";
            } else {
                // the query's own condition, parenthesised (a trailing line comment must not swallow the ")")
                base = b.query.substring(0, shape.where()) + "WHERE (" + b.query.substring(shape.where() + 5) + "\n)";
                and = " AND ";
            }
        }
        firstPageSql = base + and + key + " IS NOT NULL ORDER BY " + key + fetch;
        nextPageSql = base + and + key + " > ? ORDER BY " + key + fetch;
    }

    /** A builder reading through {@code connections}; name the rows with {@code table} or {@code select}. */
    public static Builder<Object> builder(ConnectionSupplier connections) {
        return new Builder<>(Objects.requireNonNull(connections, "connections"));
    }

    /** A builder reading through connections of {@code dataSource}. */
    public static Builder<Object> builder(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return builder(dataSource::getConnection);
    }

    /**
     * A builder whose values are the rows as maps from column label (as the driver reports it) to
     * {@code getObject} value, in column order, with a working codec: fields are the values as text (null as
     * an empty field); {@code fromFields} gives the texts back as String values (an empty field as null);
     * {@code fromRaw} parses the raw JSON (numbers as Long or BigDecimal).
     */
    public static Builder<Map<String, Object>> rowsAsMaps(ConnectionSupplier connections) {
        return builder(connections).mapper(JdbcSource::rowAsMap).codec(new MapCodec());
    }

    /** As {@link #rowsAsMaps(ConnectionSupplier)}, through connections of {@code dataSource}. */
    public static Builder<Map<String, Object>> rowsAsMaps(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return rowsAsMaps(dataSource::getConnection);
    }

    private static Map<String, Object> rowAsMap(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        Map<String, Object> row = new LinkedHashMap<>(n * 2);
        for (int i = 1; i <= n; i++) {
            row.put(meta.getColumnLabel(i), rs.getObject(i));
        }
        return row;
    }

    @Override
    public Cursor<T> open(Checkpoint resumeAfter) {
        KeyCursor cursor = new KeyCursor();
        if (resumeAfter != null && resumeAfter.last() != null) {
            Position last = resumeAfter.last();
            if (last.key() == null) {
                throw new IllegalArgumentException("checkpoint " + last + " has no key; it is not from a JdbcSource");
            }
            cursor.read = last.recordNumber();
            cursor.keyType = keyType(resumeAfter.data(), last.key());
            cursor.lastKey = typedKey(last.key(), cursor.keyType);
            cursor.last = last;
        }
        return cursor;
    }

    /** The page queries, for logs and tests: {@code [first page, next pages]}. */
    public String[] sql() {
        return new String[] {firstPageSql, nextPageSql};
    }

    @Override
    public String describe() {
        return "JDBC " + describe;
    }

    @Override
    public RecordCodec<T> codec() {
        return codec;
    }

    private static String keyType(String data, String key) {
        if (data != null) {
            try {
                JsonNode type = JSON.readTree(data).get("type");
                if (type != null && type.isTextual()) {
                    return type.asText();
                }
            } catch (IOException e) {
                // fall through to the guess below
            }
        }
        if (LONG.matcher(key).matches()) {
            return "long";
        }
        try {
            new BigDecimal(key);
            return "decimal";
        } catch (NumberFormatException e) {
            return "string";
        }
    }

    private static Object typedKey(String key, String type) {
        return switch (type) {
            case "long" -> Long.parseLong(key);
            case "decimal" -> new BigDecimal(key);
            default -> key;
        };
    }

    private String typeOf(Object key) {
        if (key instanceof Long || key instanceof Integer || key instanceof Short || key instanceof Byte) {
            return "long";
        }
        if (key instanceof BigDecimal || key instanceof BigInteger || key instanceof Double || key instanceof Float) {
            return "decimal";
        }
        if (key instanceof String) {
            return "string";
        }
        throw new IllegalStateException("key column '" + keyColumn + "' holds "
                + (key == null ? "null" : key.getClass().getName()) + "; a JdbcSource key must hold numbers or strings");
    }

    private static Object normalizeKey(Object key, String type) {
        return switch (type) {
            case "long" -> ((Number) key).longValue();
            case "decimal" -> key instanceof BigDecimal d ? d : new BigDecimal(key.toString());
            default -> key;
        };
    }

    private final class KeyCursor implements Cursor<T> {
        private final ArrayDeque<SourceRecord<T>> page = new ArrayDeque<>();
        private Object lastKey;
        private String keyType;
        private long read;
        private Position last;
        private boolean exhausted;

        @Override
        public SourceRecord<T> next() throws SQLException {
            if (page.isEmpty() && !exhausted) {
                fetchPage();
            }
            SourceRecord<T> r = page.poll();
            if (r != null) {
                last = r.position();
            }
            return r;
        }

        private void fetchPage() throws SQLException {
            try (Connection c = connections.get();
                 PreparedStatement ps = c.prepareStatement(lastKey == null ? firstPageSql : nextPageSql)) {
                ps.setFetchSize(pageSize);
                if (lastKey instanceof Long l) {
                    ps.setLong(1, l);
                } else if (lastKey instanceof BigDecimal d) {
                    ps.setBigDecimal(1, d);
                } else if (lastKey != null) {
                    ps.setString(1, (String) lastKey);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    int columns = meta.getColumnCount();
                    String[] labels = new String[columns];
                    for (int i = 0; i < columns; i++) {
                        labels[i] = meta.getColumnLabel(i + 1);
                    }
                    int keyIndex = keyIndex(rs);
                    int rows = 0;
                    while (rs.next()) {
                        rows++;
                        Object key = rs.getObject(keyIndex);
                        keyType = typeOf(key);
                        lastKey = normalizeKey(key, keyType);
                        Position position = Position.ofKey(++read, keyText(lastKey));
                        String raw = rawJson(rs, labels);
                        T value;
                        try {
                            value = mapper.map(rs);
                        } catch (SQLException | RuntimeException e) {
                            page.add(SourceRecord.failed(position, raw, e));
                            continue;
                        }
                        if (value == null) {
                            page.add(SourceRecord.failed(position, raw, new IllegalStateException(
                                    "the RowMapper returned null for " + position)));
                        } else {
                            page.add(SourceRecord.parsed(position, raw, value));
                        }
                    }
                    exhausted = rows < pageSize;
                }
            }
        }

        private int keyIndex(ResultSet rs) throws SQLException {
            try {
                return rs.findColumn(keyLabel);
            } catch (SQLException e) {
                throw new SQLException("the rows have no column '" + keyLabel + "' (from keyColumn '" + keyColumn
                        + "'); select the key under that name", e.getSQLState(), e);
            }
        }

        @Override
        public Checkpoint checkpoint() {
            if (last == null) {
                return new Checkpoint(null, null);
            }
            // the key of the last record returned (the page may have been read further)
            StringBuilder sb = new StringBuilder("{\"key\":");
            JsonText.appendString(sb, last.key());
            sb.append(",\"type\":\"").append(keyType).append("\"}");
            return new Checkpoint(last, sb.toString());
        }

        @Override
        public void close() {
            page.clear();
        }
    }

    private static String keyText(Object key) {
        return key instanceof BigDecimal d ? d.toPlainString() : key.toString();
    }

    private static String rawJson(ResultSet rs, String[] labels) throws SQLException {
        StringBuilder sb = new StringBuilder(32 + labels.length * 16).append('{');
        for (int i = 0; i < labels.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            JsonText.appendString(sb, labels[i]).append(':');
            JsonText.appendValue(sb, rs.getObject(i + 1));
        }
        return sb.append('}').toString();
    }

    /** The codec of a source with a custom mapper and no codec: it can show values but not rebuild them. */
    private static final class OpaqueCodec<T> implements RecordCodec<T> {
        @Override
        public LinkedHashMap<String, String> toFields(T value) {
            LinkedHashMap<String, String> fields = new LinkedHashMap<>();
            fields.put("value", String.valueOf(value));
            return fields;
        }

        @Override
        public T fromFields(Map<String, String> fields) {
            throw new UnsupportedOperationException("a JdbcSource with a custom RowMapper cannot rebuild a value "
                    + "from fields; give its builder a codec(...), or use JdbcSource.rowsAsMaps(...)");
        }

        @Override
        public T fromRaw(String raw) {
            throw new UnsupportedOperationException("a JdbcSource with a custom RowMapper cannot rebuild a value "
                    + "from its raw JSON; give its builder a codec(...), or use JdbcSource.rowsAsMaps(...)");
        }
    }

    /** The codec of {@link #rowsAsMaps}. */
    private static final class MapCodec implements RecordCodec<Map<String, Object>> {
        @Override
        public LinkedHashMap<String, String> toFields(Map<String, Object> value) {
            LinkedHashMap<String, String> fields = new LinkedHashMap<>(value.size() * 2);
            value.forEach((k, v) -> fields.put(k, v == null ? "" : v instanceof BigDecimal d ? d.toPlainString()
                    : v.toString()));
            return fields;
        }

        @Override
        public Map<String, Object> fromFields(Map<String, String> fields) {
            Map<String, Object> row = new LinkedHashMap<>(fields.size() * 2);
            fields.forEach((k, v) -> row.put(k, v == null || v.isEmpty() ? null : v));
            return row;
        }

        @Override
        public Map<String, Object> fromRaw(String raw) throws IOException {
            JsonNode node = JSON.readTree(raw);
            if (node == null || !node.isObject()) {
                throw new IOException("the raw text is not a JSON object: " + raw);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                JsonNode v = e.getValue();
                Object value;
                if (v.isNull()) {
                    value = null;
                } else if (v.isIntegralNumber()) {
                    value = v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
                } else if (v.isNumber()) {
                    value = v.decimalValue();
                } else if (v.isBoolean()) {
                    value = v.booleanValue();
                } else {
                    value = v.asText();
                }
                row.put(e.getKey(), value);
            }
            return row;
        }
    }

    /**
     * Configures a {@link JdbcSource}; each setter validates its argument at once and names it in the
     * exception. Required: {@code table} or {@code select}, {@code keyColumn}, {@code mapper}.
     *
     * @param <T> the type of the values (set by {@link #mapper})
     */
    public static final class Builder<T> {
        private final ConnectionSupplier connections;
        private String table;
        private String query;
        private String keyColumn;
        private int pageSize = 1000;
        private RowMapper<T> mapper;
        private RecordCodec<T> codec;

        private Builder(ConnectionSupplier connections) {
            this.connections = connections;
        }

        /**
         * Reads all columns of {@code table} ({@code SCHEMA.TABLE} allowed). Replaces a {@link #select}.
         *
         * @throws IllegalArgumentException if {@code table} is not an SQL identifier
         */
        public Builder<T> table(String table) {
            this.table = SqlIdentifiers.table(table, "table");
            this.query = null;
            return this;
        }

        /**
         * Reads the rows of {@code query}, a SELECT that may have its own WHERE, joins and so on, but no
         * ORDER BY or row limit (the source adds them). It is wrapped as a subquery; a trailing semicolon is
         * dropped. Replaces a {@link #table}.
         *
         * @throws IllegalArgumentException if {@code query} is blank
         */
        public Builder<T> select(String query) {
            Objects.requireNonNull(query, "select");
            String q = query.strip();
            while (q.endsWith(";")) {
                q = q.substring(0, q.length() - 1).strip();
            }
            if (q.isEmpty()) {
                throw new IllegalArgumentException("select: the query must not be blank");
            }
            this.query = q;
            this.table = null;
            return this;
        }

        /**
         * The key column: unique, numbers or strings; pages are ordered and resumed by it. For a query it is
         * written as the query's WHERE clause can name it ({@code order_id}, or {@code o.order_id} in a join),
         * and the rows must have a column named as its last part ({@code order_id}).
         *
         * @throws IllegalArgumentException if {@code column} is not an SQL identifier, optionally qualified
         */
        public Builder<T> keyColumn(String column) {
            this.keyColumn = SqlIdentifiers.qualifiedColumn(column, "keyColumn");
            return this;
        }

        /**
         * Rows read per query (default 1000).
         *
         * @throws IllegalArgumentException if {@code rows} is less than 1
         */
        public Builder<T> pageSize(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("pageSize must be >= 1, was " + rows);
            }
            this.pageSize = rows;
            return this;
        }

        /**
         * How a row becomes a value; sets the value type. Drops a codec set before (it was for another type).
         */
        @SuppressWarnings("unchecked")
        public <U> Builder<U> mapper(RowMapper<U> mapper) {
            Builder<U> self = (Builder<U>) this;
            self.mapper = Objects.requireNonNull(mapper, "mapper");
            self.codec = null;
            return self;
        }

        /**
         * How values are stored in quarantine and rebuilt (default: for a custom mapper, fields hold the
         * value's {@code toString()} and rebuilding throws {@code UnsupportedOperationException}).
         */
        public Builder<T> codec(RecordCodec<T> codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * The source.
         *
         * @throws IllegalStateException if {@code table}/{@code select}, {@code keyColumn} or {@code mapper}
         *                               is missing, or a table's key column is qualified
         */
        public JdbcSource<T> build() {
            if (table == null && query == null) {
                throw new IllegalStateException("JdbcSource needs table(...) or select(...)");
            }
            if (keyColumn == null) {
                throw new IllegalStateException("JdbcSource needs keyColumn(...)");
            }
            if (table != null && keyColumn.indexOf('.') >= 0) {
                throw new IllegalStateException("keyColumn '" + keyColumn + "' is qualified; with table(...) "
                        + "name the column alone");
            }
            if (mapper == null) {
                throw new IllegalStateException("JdbcSource needs mapper(...), or use JdbcSource.rowsAsMaps(...)");
            }
            return new JdbcSource<>(this);
        }
    }
}
