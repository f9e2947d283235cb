package io.etlrecovery.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.pipeline.Sink;
import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcSinkTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private Connection connection;

    record Order(long id, String customer, LocalDate date, BigDecimal amount) {
    }

    private static final List<Order> BATCH = List.of(
            new Order(1, "C000001", LocalDate.of(2024, 1, 31), new BigDecimal("12.50")),
            new Order(2, "C000002", LocalDate.of(2024, 2, 29), new BigDecimal("0.01")),
            new Order(3, null, LocalDate.of(2025, 12, 31), new BigDecimal("9999.99")));

    @BeforeEach
    void createTable() throws SQLException {
        connection = DriverManager.getConnection(
                "jdbc:h2:mem:jdbcsink" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1", "sa", "");
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE ORDERS_CLEAN(ORDER_ID BIGINT PRIMARY KEY, CUSTOMER_ID VARCHAR(32), "
                    + "ORDER_DATE DATE, AMOUNT DECIMAL(12,2), LOADED_RUN_ID BIGINT)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DROP ALL OBJECTS");
        }
        connection.close();
    }

    private Sink.WriteContext context(long runId) {
        return new Sink.WriteContext() {
            @Override
            public Connection connection() {
                return connection;
            }

            @Override
            public long runId() {
                return runId;
            }

            @Override
            public String pipeline() {
                return "orders-import";
            }

            @Override
            public String step() {
                return "load";
            }

            @Override
            public long batchNumber() {
                return 1;
            }
        };
    }

    private static JdbcSink.Builder<Order> orders() {
        return JdbcSink.<Order>builder("ORDERS_CLEAN")
                .column("ORDER_ID", Order::id)
                .column("CUSTOMER_ID", Order::customer)
                .column("ORDER_DATE", Order::date)
                .column("AMOUNT", Order::amount);
    }

    private List<String> rows() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM ORDERS_CLEAN ORDER BY ORDER_ID")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getObject(3, LocalDate.class) + "|"
                        + rs.getBigDecimal(4) + "|" + rs.getObject(5));
            }
            return out;
        }
    }

    @Test
    void writesABatchWithTypedValuesAndNulls() throws Exception {
        JdbcSink<Order> sink = orders().build();

        sink.write(BATCH, context(7));

        assertEquals(List.of("1|C000001|2024-01-31|12.50|null", "2|C000002|2024-02-29|0.01|null",
                "3|null|2025-12-31|9999.99|null"), rows());
        assertEquals("INSERT INTO ORDERS_CLEAN (ORDER_ID, CUSTOMER_ID, ORDER_DATE, AMOUNT) VALUES (?, ?, ?, ?)",
                sink.sql());
    }

    @Test
    void aBinderWithAnExplicitColumnListWritesTheSameRows() throws Exception {
        JdbcSink<Order> sink = JdbcSink.<Order>builder("ORDERS_CLEAN")
                .columns("ORDER_ID", "CUSTOMER_ID", "ORDER_DATE", "AMOUNT")
                .binder((ps, o) -> {
                    ps.setLong(1, o.id());
                    ps.setString(2, o.customer());
                    ps.setObject(3, o.date());
                    ps.setBigDecimal(4, o.amount());
                })
                .build();

        sink.write(BATCH, context(7));

        assertEquals(3, rows().size());
        assertEquals("2|C000002|2024-02-29|0.01|null", rows().get(1));
    }

    @Test
    void theRunColumnRecordsTheRunAndCompensateDeletesOnlyThatRunsRows() throws Exception {
        JdbcSink<Order> sink = orders().runColumn("LOADED_RUN_ID").build();
        sink.write(BATCH.subList(0, 2), context(7));
        sink.write(BATCH.subList(2, 3), context(8));

        long removed = sink.compensate(7, connection);

        assertEquals(2, removed);
        assertEquals(List.of("3|null|2025-12-31|9999.99|8"), rows());
        assertEquals(0, sink.compensate(7, connection));
        assertTrue(sink.canCompensate());
    }

    @Test
    void aSinkWithoutRunColumnRefusesToCompensate() {
        JdbcSink<Order> sink = orders().build();

        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> sink.compensate(7, connection));

        assertTrue(e.getMessage().contains("runColumn"), e.getMessage());
        assertFalse(sink.canCompensate());
    }

    @Test
    void anUpsertWrittenTwiceLeavesOneCopyWithTheLatestValues() throws Exception {
        JdbcSink<Order> sink = orders().runColumn("LOADED_RUN_ID").upsertOn("ORDER_ID").build();

        sink.write(BATCH, context(7));
        sink.write(BATCH, context(7));
        sink.write(List.of(new Order(2, "C999999", LocalDate.of(2024, 3, 1), new BigDecimal("5.00"))), context(8));

        assertEquals(List.of("1|C000001|2024-01-31|12.50|7", "2|C999999|2024-03-01|5.00|8",
                "3|null|2025-12-31|9999.99|7"), rows());
        assertTrue(sink.sql().startsWith("MERGE INTO ORDERS_CLEAN AS tgt USING (VALUES (?, ?, ?, ?, ?)) AS src "
                + "(ORDER_ID, CUSTOMER_ID, ORDER_DATE, AMOUNT, LOADED_RUN_ID) ON tgt.ORDER_ID = src.ORDER_ID"),
                sink.sql());
    }

    @Test
    void aPlainInsertOfTheSameBatchTwiceFailsOnTheKey() throws Exception {
        JdbcSink<Order> sink = orders().build();
        sink.write(BATCH, context(7));

        assertThrows(BatchUpdateException.class, () -> sink.write(BATCH, context(7)));
    }

    @Test
    void namesThatAreNotSqlIdentifiersAreRejectedAtBuildTime() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> JdbcSink.<Order>builder("ORDERS; DROP TABLE X")).getMessage().contains("table"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> JdbcSink.<Order>builder("T").column("A B", Order::id)).getMessage().contains("column"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> JdbcSink.<Order>builder("T").column("\"X\"", Order::id)).getMessage().contains("column"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> JdbcSink.<Order>builder("T").runColumn("RUN--")).getMessage().contains("runColumn"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> JdbcSink.<Order>builder("T").upsertOn("1ID")).getMessage().contains("upsertOn"));
        JdbcSink.<Order>builder("PUBLIC.ORDERS_CLEAN").column("ORDER_ID", Order::id).build();
    }

    @Test
    void inconsistentConfigurationsAreRejectedNamingTheProblem() {
        assertTrue(assertThrows(IllegalStateException.class,
                () -> JdbcSink.<Order>builder("T").build()).getMessage().contains("column"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> JdbcSink.<Order>builder("T").columns("A").build()).getMessage().contains("binder"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> JdbcSink.<Order>builder("T").column("A", Order::id).upsertOn("B").build())
                .getMessage().contains("'B'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> JdbcSink.<Order>builder("T").column("A", Order::id).column("a", Order::id))
                .getMessage().contains("twice"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> JdbcSink.<Order>builder("T").column("A", Order::id).runColumn("A").build())
                .getMessage().contains("runColumn"));
    }

    @Test
    void upsertBuildsThePortableMergeAndExecutesItIdempotently() throws Exception {
        Upsert upsert = Upsert.into("ORDERS_CLEAN").key("ORDER_ID").columns("ORDER_ID", "AMOUNT");

        assertEquals("MERGE INTO ORDERS_CLEAN AS tgt USING (VALUES (?, ?)) AS src (ORDER_ID, AMOUNT) "
                + "ON tgt.ORDER_ID = src.ORDER_ID WHEN MATCHED THEN UPDATE SET AMOUNT = src.AMOUNT "
                + "WHEN NOT MATCHED THEN INSERT (ORDER_ID, AMOUNT) VALUES (src.ORDER_ID, src.AMOUNT)", upsert.sql());
        StatementBinder<Order> binder = (ps, o) -> {
            ps.setLong(1, o.id());
            ps.setBigDecimal(2, o.amount());
        };
        assertEquals(3, upsert.execute(connection, BATCH, binder));
        assertEquals(3, upsert.execute(connection, BATCH, binder));
        assertEquals(3, rows().size());
        assertEquals("1|null|null|12.50|null", rows().get(0));
    }

    @Test
    void anUpsertWhoseColumnsAreAllKeysOnlyInserts() throws Exception {
        Upsert upsert = Upsert.into("ORDERS_CLEAN").key("ORDER_ID").columns("ORDER_ID");

        assertFalse(upsert.sql().contains("WHEN MATCHED"));
        upsert.execute(connection, List.of(1L, 2L, 1L), (ps, id) -> ps.setLong(1, id));
        upsert.execute(connection, List.of(1L, 2L), (ps, id) -> ps.setLong(1, id));
        assertEquals(2, rows().size());
    }

    @Test
    void anIncompleteUpsertNamesWhatIsMissing() {
        assertTrue(assertThrows(IllegalStateException.class, () -> Upsert.into("T").columns("A").sql())
                .getMessage().contains("key"));
        assertTrue(assertThrows(IllegalStateException.class, () -> Upsert.into("T").key("A").sql())
                .getMessage().contains("columns"));
        assertTrue(assertThrows(IllegalStateException.class, () -> Upsert.into("T").key("K").columns("A").sql())
                .getMessage().contains("'K'"));
        assertThrows(IllegalArgumentException.class, () -> Upsert.into("T").key("K'--"));
        assertThrows(IllegalArgumentException.class, () -> Upsert.into("T").columns("A", "a"));
    }
}
