package io.etlrecovery.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.pipeline.Position;
import io.etlrecovery.pipeline.Source;
import io.etlrecovery.pipeline.SourceRecord;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcSourceTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private String url;
    private Connection keepAlive;
    private final AtomicInteger connectionsTaken = new AtomicInteger();

    record Order(long id, BigDecimal amount) {
    }

    @BeforeEach
    void createTable() throws SQLException {
        url = "jdbc:h2:mem:jdbcsource" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        keepAlive = DriverManager.getConnection(url, "sa", "");
        try (Statement st = keepAlive.createStatement()) {
            st.execute("CREATE TABLE ORDERS(ORDER_ID BIGINT PRIMARY KEY, AMOUNT DECIMAL(12,2), STATUS VARCHAR(10))");
        }
        try (PreparedStatement ps = keepAlive.prepareStatement("INSERT INTO ORDERS VALUES (?, ?, ?)")) {
            // inserted in a scrambled order: the source must order by key itself
            for (int i = 0; i < 2_500; i++) {
                long id = (i * 7919L) % 2_500 + 1;
                ps.setLong(1, id);
                ps.setBigDecimal(2, BigDecimal.valueOf(id * 101, 2));
                ps.setString(3, id % 3 == 0 ? "VOID" : "OK");
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Statement st = keepAlive.createStatement()) {
            st.execute("DROP ALL OBJECTS");
        }
        keepAlive.close();
    }

    private Connection connect() throws SQLException {
        connectionsTaken.incrementAndGet();
        return DriverManager.getConnection(url, "sa", "");
    }

    private JdbcSource<Order> orders(int pageSize) {
        return JdbcSource.builder(this::connect)
                .select("SELECT order_id, amount FROM ORDERS")
                .keyColumn("order_id")
                .pageSize(pageSize)
                .mapper(rs -> new Order(rs.getLong("order_id"), rs.getBigDecimal("amount")))
                .build();
    }

    private static <T> List<SourceRecord<T>> drain(Source.Cursor<T> cursor) throws Exception {
        List<SourceRecord<T>> out = new ArrayList<>();
        for (SourceRecord<T> r; (r = cursor.next()) != null; ) {
            out.add(r);
        }
        return out;
    }

    @Test
    void readsEveryRowOnceInKeyOrderAcrossPages() throws Exception {
        List<SourceRecord<Order>> rows;
        try (Source.Cursor<Order> cursor = orders(1000).open(null)) {
            rows = drain(cursor);
        }

        assertEquals(2_500, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            SourceRecord<Order> r = rows.get(i);
            assertEquals(Position.ofKey(i + 1, Long.toString(i + 1)), r.position());
            assertEquals(i + 1, r.value().id());
        }
        assertEquals("{\"ORDER_ID\":7,\"AMOUNT\":7.07}", rows.get(6).raw());
        assertEquals(3, connectionsTaken.get(), "one connection per page");
    }

    @Test
    void resumesRightAfterTheCheckpointsKey() throws Exception {
        JdbcSource<Order> source = orders(1000);
        Source.Checkpoint checkpoint;
        try (Source.Cursor<Order> cursor = source.open(null)) {
            for (int i = 0; i < 1_234; i++) {
                cursor.next();
            }
            checkpoint = cursor.checkpoint();
        }
        assertEquals(Position.ofKey(1_234, "1234"), checkpoint.last());
        assertEquals("{\"key\":\"1234\",\"type\":\"long\"}", checkpoint.data());

        List<SourceRecord<Order>> rest;
        try (Source.Cursor<Order> cursor = source.open(checkpoint)) {
            rest = drain(cursor);
        }

        assertEquals(2_500 - 1_234, rest.size());
        assertEquals(Position.ofKey(1_235, "1235"), rest.get(0).position());
        assertEquals(2_500, rest.get(rest.size() - 1).value().id());
    }

    @Test
    void resumesWithoutCheckpointDataByGuessingTheKeyType() throws Exception {
        try (Source.Cursor<Order> cursor = orders(500).open(new Source.Checkpoint(Position.ofKey(10, "2490"), null))) {
            List<SourceRecord<Order>> rest = drain(cursor);
            assertEquals(10, rest.size());
            assertEquals(Position.ofKey(11, "2491"), rest.get(0).position());
        }
    }

    @Test
    void aQueryWithItsOwnWhereIsWrappedAndPagedByKey() throws Exception {
        JdbcSource<Order> voided = JdbcSource.builder(this::connect)
                .select("SELECT order_id, amount FROM ORDERS WHERE status = 'VOID';")
                .keyColumn("order_id")
                .pageSize(100)
                .mapper(rs -> new Order(rs.getLong(1), rs.getBigDecimal(2)))
                .build();

        List<SourceRecord<Order>> rows;
        try (Source.Cursor<Order> cursor = voided.open(null)) {
            rows = drain(cursor);
        }

        assertEquals(833, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(3L * (i + 1), rows.get(i).value().id());
        }
        // the condition is added to the query's own, so that the database walks the key's index
        assertEquals("SELECT order_id, amount FROM ORDERS WHERE ( status = 'VOID'\n) AND order_id > ? "
                + "ORDER BY order_id FETCH FIRST 100 ROWS ONLY", voided.sql()[1]);
    }

    @Test
    void aQueryWithAnOrConditionAndATrailingCommentKeepsItsMeaning() throws Exception {
        JdbcSource<Order> some = JdbcSource.builder(this::connect)
                .select("SELECT o.order_id, o.amount FROM ORDERS o WHERE o.order_id < 5 OR o.order_id > 2495 -- ends")
                .keyColumn("o.order_id")
                .pageSize(3)
                .mapper(rs -> new Order(rs.getLong(1), rs.getBigDecimal(2)))
                .build();

        List<Long> ids;
        try (Source.Cursor<Order> cursor = some.open(null)) {
            ids = drain(cursor).stream().map(r -> r.value().id()).toList();
        }

        assertEquals(List.of(1L, 2L, 3L, 4L, 2496L, 2497L, 2498L, 2499L, 2500L), ids);
    }

    @Test
    void aGroupedQueryIsWrappedAsASubqueryAndStillPagedByKey() throws Exception {
        JdbcSource<Map<String, Object>> statuses = JdbcSource.rowsAsMaps(this::connect)
                .select("SELECT status, COUNT(*) AS n FROM ORDERS GROUP BY status")
                .keyColumn("status")
                .pageSize(1)
                .build();

        List<String> rows;
        try (Source.Cursor<Map<String, Object>> cursor = statuses.open(null)) {
            rows = drain(cursor).stream().map(r -> r.value().get("STATUS") + "=" + r.value().get("N")).toList();
        }

        assertEquals(List.of("OK=1667", "VOID=833"), rows);
        assertTrue(statuses.sql()[1].startsWith("SELECT * FROM (SELECT status"), statuses.sql()[1]);
    }

    @Test
    void stringKeysArePagedAndResumedAsStrings() throws Exception {
        try (Statement st = keepAlive.createStatement()) {
            st.execute("CREATE TABLE CODES(CODE VARCHAR(10) PRIMARY KEY)");
            st.execute("INSERT INTO CODES VALUES ('b'), ('a'), ('d'), ('c'), ('e')");
        }
        JdbcSource<Map<String, Object>> codes = JdbcSource.rowsAsMaps(this::connect)
                .table("CODES").keyColumn("CODE").pageSize(2).build();

        Source.Checkpoint checkpoint;
        try (Source.Cursor<Map<String, Object>> cursor = codes.open(null)) {
            assertEquals("a", cursor.next().value().get("CODE"));
            assertEquals("b", cursor.next().value().get("CODE"));
            assertEquals("c", cursor.next().value().get("CODE"));
            checkpoint = cursor.checkpoint();
        }
        assertEquals("{\"key\":\"c\",\"type\":\"string\"}", checkpoint.data());
        try (Source.Cursor<Map<String, Object>> cursor = codes.open(checkpoint)) {
            assertEquals(List.of("d", "e"), drain(cursor).stream().map(r -> r.value().get("CODE")).toList());
        }
    }

    @Test
    void aRowWhoseMapperThrowsIsAFailedRecordAndTheReadGoesOn() throws Exception {
        JdbcSource<Order> picky = JdbcSource.builder(this::connect)
                .table("ORDERS").keyColumn("ORDER_ID")
                .mapper(rs -> {
                    if (rs.getLong("ORDER_ID") == 2) {
                        throw new IllegalArgumentException("order 2 is cursed");
                    }
                    return new Order(rs.getLong("ORDER_ID"), rs.getBigDecimal("AMOUNT"));
                })
                .build();

        List<SourceRecord<Order>> rows;
        try (Source.Cursor<Order> cursor = picky.open(null)) {
            rows = drain(cursor);
        }

        assertEquals(2_500, rows.size());
        assertFalse(rows.get(1).isParsed());
        assertEquals("order 2 is cursed", rows.get(1).parseError().getMessage());
        assertEquals("{\"ORDER_ID\":2,\"AMOUNT\":2.02,\"STATUS\":\"OK\"}", rows.get(1).raw());
        assertTrue(rows.get(2).isParsed());
    }

    @Test
    void rowsAsMapsHaveACodecThatRoundTrips() throws Exception {
        JdbcSource<Map<String, Object>> source = JdbcSource.rowsAsMaps(this::connect)
                .table("ORDERS").keyColumn("ORDER_ID").build();
        SourceRecord<Map<String, Object>> r;
        try (Source.Cursor<Map<String, Object>> cursor = source.open(null)) {
            r = cursor.next();
        }

        Map<String, Object> value = r.value();
        assertEquals(1L, value.get("ORDER_ID"));
        assertEquals(Map.of("ORDER_ID", "1", "AMOUNT", "1.01", "STATUS", "OK"), source.codec().toFields(value));
        Map<String, Object> fromRaw = source.codec().fromRaw(r.raw());
        assertEquals(1L, fromRaw.get("ORDER_ID"));
        assertEquals(new BigDecimal("1.01"), fromRaw.get("AMOUNT"));
        assertEquals("OK", fromRaw.get("STATUS"));
        Map<String, Object> fromFields = source.codec().fromFields(Map.of("ORDER_ID", "1", "STATUS", ""));
        assertEquals("1", fromFields.get("ORDER_ID"));
        assertNull(fromFields.get("STATUS"));
    }

    @Test
    void aCustomMapperWithoutCodecCannotRebuildValues() {
        JdbcSource<Order> source = orders(10);

        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> source.codec().fromFields(Map.of("value", "x")));

        assertTrue(e.getMessage().contains("codec("), e.getMessage());
        assertEquals(Map.of("value", "Order[id=1, amount=0.01]"),
                source.codec().toFields(new Order(1, new BigDecimal("0.01"))));
    }

    @Test
    void theBuilderValidatesNamesAndRequiresItsParts() {
        assertThrows(IllegalArgumentException.class, () -> JdbcSource.builder(this::connect).table("ORDERS; DROP"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> JdbcSource.builder(this::connect).keyColumn("id) OR (1=1")).getMessage().contains("keyColumn"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> JdbcSource.builder(this::connect).pageSize(0)).getMessage().contains("pageSize"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> JdbcSource.builder(this::connect).table("ORDERS").mapper(rs -> 1).build())
                .getMessage().contains("keyColumn"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> JdbcSource.builder(this::connect).table("ORDERS").keyColumn("ORDER_ID").build())
                .getMessage().contains("mapper"));
    }
}
