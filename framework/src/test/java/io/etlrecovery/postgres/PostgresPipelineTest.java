package io.etlrecovery.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.health.HealthMonitor;
import io.etlrecovery.health.HealthStatus;
import io.etlrecovery.io.CsvRow;
import io.etlrecovery.io.CsvSource;
import io.etlrecovery.io.JdbcSink;
import io.etlrecovery.io.JdbcSource;
import io.etlrecovery.pipeline.BatchStep;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.Sink;
import io.etlrecovery.pipeline.Source;
import io.etlrecovery.pipeline.ValidationException;
import io.etlrecovery.report.BudgetReport;
import io.etlrecovery.report.FailureQuery;
import io.etlrecovery.report.FailureReport;
import io.etlrecovery.report.PatternQuery;
import io.etlrecovery.report.PatternReport;
import io.etlrecovery.report.PipelineFailures;
import io.etlrecovery.report.Reports;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.runner.RunStatus;
import io.etlrecovery.runner.Runs;
import io.etlrecovery.store.AnalysisRepository;
import io.etlrecovery.store.AnalysisRow;
import io.etlrecovery.store.QuarantineRow;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import io.etlrecovery.testing.ManualClock;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real pipelines on a PostgreSQL store: CSV source, validation, {@link JdbcSink} (INSERT with a run column, and
 * MERGE by key), quarantine, stop and resume, rollback, {@link JdbcSource} paging, and every report over the result.
 * Runs only when {@code ETL_RECOVERY_TEST_PG_URL} names a PostgreSQL database (user {@code ETL_RECOVERY_TEST_PG_USER},
 * default {@code postgres}; password {@code ETL_RECOVERY_TEST_PG_PASSWORD}, default empty); skipped otherwise.
 * Each test works in a fresh schema of its own, dropped afterwards.
 */
class PostgresPipelineTest {

    private static final String ORDERS_DDL = "CREATE TABLE IF NOT EXISTS ORDERS_CLEAN (ORDER_ID BIGINT PRIMARY KEY, "
            + "CUSTOMER_ID VARCHAR(32), ORDER_DATE DATE NOT NULL, AMOUNT DECIMAL(12, 2) NOT NULL, LOADED_RUN_ID BIGINT)";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-02T09:00:00Z"));
    private String url;
    private String user;
    private String password;
    private String schema;
    private String storeUrl;
    private Store store;

    record Order(long id, String customer, LocalDate date, BigDecimal amount) {
    }

    @BeforeEach
    void freshSchema() throws SQLException {
        url = System.getenv("ETL_RECOVERY_TEST_PG_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "ETL_RECOVERY_TEST_PG_URL is not set: no PostgreSQL to test on");
        user = envOr("ETL_RECOVERY_TEST_PG_USER", "postgres");
        password = envOr("ETL_RECOVERY_TEST_PG_PASSWORD", "");
        schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        storeUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        store = Store.open(new StoreConfig(storeUrl, user, password));
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (store != null) store.close();
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
                st.execute("DROP SCHEMA IF EXISTS " + schema + "_other CASCADE");
            }
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }

    private PipelineRunner runner() {
        return PipelineRunner.builder(store).clock(clock).sleeper(clock::advance).batchSize(10).build();
    }

    /** {@code n} orders; the ones listed in {@code bad} get a negative amount (a validation failure). */
    private Path csv(String name, int n, int... bad) throws Exception {
        StringBuilder sb = new StringBuilder("order_id,customer_id,order_date,amount\n");
        for (int i = 1; i <= n; i++) {
            boolean isBad = false;
            for (int b : bad) isBad |= b == i;
            String customer = i % 5 == 0 ? "" : "C" + i; // every fifth order has no customer: a NULL column
            sb.append(i).append(',').append(customer).append(",2026-10-").append(String.format("%02d", 1 + i % 28))
                    .append(',').append(isBad ? "-" : "").append(i).append(".50\n");
        }
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    private static Order validate(CsvRow r) throws ValidationException {
        if (!r.isConsistent()) throw new ValidationException("expected 4 fields, got " + r.size());
        BigDecimal amount = new BigDecimal(r.get("amount"));
        if (amount.signum() < 0) throw new ValidationException("amount", "amount must be >= 0, was " + amount);
        try {
            String customer = r.get("customer_id");
            return new Order(Long.parseLong(r.get("order_id")), customer.isEmpty() ? null : customer,
                    LocalDate.parse(r.get("order_date")), amount);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new ValidationException(e.getMessage());
        }
    }

    private static JdbcSink.Builder<Order> ordersSink() {
        return JdbcSink.<Order>builder("ORDERS_CLEAN")
                .column("ORDER_ID", Order::id)
                .column("CUSTOMER_ID", Order::customer)
                .column("ORDER_DATE", Order::date)
                .column("AMOUNT", Order::amount)
                .runColumn("LOADED_RUN_ID");
    }

    private static Pipeline ordersPipeline(String name, Source<CsvRow> source, JdbcSink<Order> sink,
                                           Processor extra) {
        return Pipeline.named(name)
                .beforeRun(c -> {
                    try (Statement st = c.createStatement()) {
                        st.execute(ORDERS_DDL);
                    }
                })
                .step(BatchStep.reading("load", source)
                        .process("validate", PostgresPipelineTest::validate)
                        .process("enrich", extra::apply)
                        .writeTo(sink))
                .build();
    }

    interface Processor {
        Order apply(Order o) throws Exception;
    }

    private long count(String sql) throws SQLException {
        return store.withSession(s -> {
            try (var st = s.connection().createStatement(); var rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void aCsvPipelineLoadsTypedRowsWithItsRunIdAndQuarantinesTheBadOnes() throws Exception {
        Pipeline p = ordersPipeline("orders", CsvSource.builder(csv("orders.csv", 25, 7, 19)).build(),
                ordersSink().build(), o -> o);

        RunResult r = runner().run(p);

        assertEquals(RunStatus.SUCCEEDED, r.status(), r.stopReason());
        assertEquals(25, r.recordsRead());
        assertEquals(23, r.recordsLoaded());
        assertEquals(2, r.recordsQuarantined());
        assertEquals(23, count("SELECT COUNT(*) FROM ORDERS_CLEAN WHERE LOADED_RUN_ID = " + r.runId()));
        assertEquals(5, count("SELECT COUNT(*) FROM ORDERS_CLEAN WHERE CUSTOMER_ID IS NULL"), "empty customers bound as NULL");
        assertEquals(0, new BigDecimal("12.50").compareTo(store.withSession(s -> {
            try (var st = s.connection().createStatement();
                 var rs = st.executeQuery("SELECT AMOUNT FROM ORDERS_CLEAN WHERE ORDER_ID = 12")) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        })));
        List<QuarantineRow> q = store.withSession(s -> s.quarantine().page("orders", r.runId(), null, 0, 10));
        assertEquals(List.of("7,C7,2026-10-08,-7.50", "19,C19,2026-10-20,-19.50"),
                q.stream().map(QuarantineRow::rawRecord).toList());
        assertEquals("DATA", q.get(0).category());
        assertTrue(q.get(0).errorMessage().contains("amount must be >= 0"), q.get(0).errorMessage());
        RunRow run = store.withSession(s -> s.runs().find(r.runId())).orElseThrow();
        assertEquals("SUCCEEDED", run.status());
        assertTrue(store.withSession(s -> s.locks().find("orders")).isEmpty(), "the lock is released");
        assertEquals(java.util.Map.of("DATA", 2L), store.withSession(s -> s.quarantine().countByCategory(r.runId())));
    }

    @Test
    void anUpsertSinkWritesByKeySoARepeatedLoadLeavesOneCopyOfEachRow() throws Exception {
        Path file = csv("orders.csv", 12, 4);
        JdbcSink<Order> sink = ordersSink().upsertOn("ORDER_ID").build();
        assertTrue(sink.sql().startsWith("MERGE INTO ORDERS_CLEAN"), sink.sql());

        RunResult first = runner().run(ordersPipeline("upsert-a", CsvSource.builder(file).build(), sink, o -> o));
        // another pipeline loads the same orders again, with other amounts: MERGE updates in place
        RunResult second = runner().run(ordersPipeline("upsert-b", CsvSource.builder(file).build(), sink,
                o -> new Order(o.id(), o.customer(), o.date(), o.amount().add(BigDecimal.ONE))));

        assertEquals(RunStatus.SUCCEEDED, first.status(), first.stopReason());
        assertEquals(RunStatus.SUCCEEDED, second.status(), second.stopReason());
        assertEquals(11, second.recordsLoaded());
        assertEquals(11, count("SELECT COUNT(*) FROM ORDERS_CLEAN"));
        assertEquals(11, count("SELECT COUNT(*) FROM ORDERS_CLEAN WHERE LOADED_RUN_ID = " + second.runId()),
                "the run column is set on update too");
        assertEquals(2, count("SELECT COUNT(*) FROM ORDERS_CLEAN WHERE CUSTOMER_ID IS NULL"), "NULL goes through MERGE");
        assertEquals(1350, count("SELECT CAST(AMOUNT * 100 AS BIGINT) FROM ORDERS_CLEAN WHERE ORDER_ID = 12"));
    }

    @Test
    void anUpsertWritesNullsIntoDateAndNumericColumnsOnPostgres() throws Exception {
        record Row(long id, LocalDate day, Long count, BigDecimal amount) {
        }
        JdbcSink<Row> sink = JdbcSink.<Row>builder("NULLABLE").column("ID", Row::id).column("DAY", Row::day)
                .column("N", Row::count).column("AMOUNT", Row::amount).upsertOn("ID").build();
        store.useTransaction(s -> {
            try (Statement st = s.connection().createStatement()) {
                st.execute("CREATE TABLE NULLABLE (ID BIGINT PRIMARY KEY, DAY DATE, N BIGINT, AMOUNT DECIMAL(10, 2))");
            }
            Sink.WriteContext context = new Sink.WriteContext() {
                @Override public Connection connection() { return s.connection(); }
                @Override public long runId() { return 1; }
                @Override public String pipeline() { return "nulls"; }
                @Override public String step() { return "load"; }
                @Override public long batchNumber() { return 1; }
            };
            sink.write(List.of(new Row(1, null, null, null), new Row(2, LocalDate.of(2026, 1, 2), 5L, BigDecimal.ONE)),
                    context);
            sink.write(List.of(new Row(2, null, null, null), new Row(1, LocalDate.of(2026, 1, 1), 7L, null)), context);
        });
        assertEquals(1, count("SELECT COUNT(*) FROM NULLABLE WHERE ID = 2 AND DAY IS NULL AND N IS NULL AND AMOUNT IS NULL"));
        assertEquals(1, count("SELECT COUNT(*) FROM NULLABLE WHERE ID = 1 AND N = 7 AND AMOUNT IS NULL"));
    }

    @Test
    void aBadKeyInAPlainInsertSinkQuarantinesOnlyThatRecordDespitePostgresAbortingTheTransaction() throws Exception {
        StringBuilder sb = new StringBuilder("order_id,customer_id,order_date,amount\n");
        for (int i = 1; i <= 10; i++) sb.append(i == 7 ? 3 : i).append(",C").append(i).append(",2026-10-01,1.00\n");
        Path file = Files.writeString(dir.resolve("dups.csv"), sb.toString());

        RunResult r = runner().run(ordersPipeline("dups", CsvSource.builder(file).build(), ordersSink().build(), o -> o));

        assertEquals(RunStatus.SUCCEEDED, r.status(), r.stopReason());
        assertEquals(9, count("SELECT COUNT(*) FROM ORDERS_CLEAN"));
        List<QuarantineRow> q = store.withSession(s -> s.quarantine().page("dups", null, null, 0, 10));
        assertEquals(List.of("3,C7,2026-10-01,1.00"), q.stream().map(QuarantineRow::rawRecord).toList());
        assertEquals("load:write", q.get(0).stepName());
        assertEquals("CONSTRAINT_VIOLATION", q.get(0).errorType());
    }

    @Test
    void aStoppedRunResumesAfterItsLastCommittedBatchAndARollbackRemovesItsRows() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        Pipeline p = ordersPipeline("resume", CsvSource.builder(csv("orders.csv", 35, 30)).build(), ordersSink().build(),
                o -> {
                    if (o.id() == 17 && broken.get()) throw new SQLException("permission denied for table rates", "42501");
                    return o;
                });

        RunResult first = runner().run(p);
        assertEquals(RunStatus.FAILED, first.status());
        assertTrue(first.stopReason().contains("permission denied"), first.stopReason());
        assertEquals(10, count("SELECT COUNT(*) FROM ORDERS_CLEAN"), "only the batch before the failure committed");

        broken.set(false);
        clock.advance(java.time.Duration.ofMinutes(5));
        RunResult second = runner().run(p);
        assertEquals(RunStatus.SUCCEEDED, second.status(), second.stopReason());
        assertTrue(second.resumed());
        assertEquals(first.runId(), second.runId(), "the same run is resumed");
        assertEquals(10, second.resumedFromRecord());
        assertEquals(34, count("SELECT COUNT(*) FROM ORDERS_CLEAN"));
        assertEquals(34, count("SELECT COUNT(DISTINCT ORDER_ID) FROM ORDERS_CLEAN"), "each row loaded once");
        assertEquals(1, store.withSession(s -> s.runs().find(first.runId())).orElseThrow().resumeCount());

        long removed = Runs.on(store).withClock(clock).rollback(p, second.runId());
        assertEquals(34, removed);
        assertEquals(0, count("SELECT COUNT(*) FROM ORDERS_CLEAN"));
        assertEquals("ROLLED_BACK", store.withSession(s -> s.runs().find(second.runId())).orElseThrow().status());
        assertEquals(1L, (long) store.withSession(s -> s.quarantine().count("resume", second.runId(), null)),
                "quarantined records are kept");
    }

    @Test
    void aJdbcSourcePagesThroughATableAndAGroupedQueryByKey() throws Exception {
        RunResult load = runner().run(ordersPipeline("load", CsvSource.builder(csv("orders.csv", 23)).build(),
                ordersSink().build(), o -> o));
        assertEquals(RunStatus.SUCCEEDED, load.status(), load.stopReason());

        List<Long> ids = new ArrayList<>();
        Source<Long> plain = JdbcSource.builder(store::openConnection)
                .select("SELECT ORDER_ID, AMOUNT FROM ORDERS_CLEAN WHERE AMOUNT > 2")
                .keyColumn("ORDER_ID").pageSize(5).mapper(rs -> rs.getLong("ORDER_ID")).build();
        try (Source.Cursor<Long> c = plain.open(null)) {
            for (var rec = c.next(); rec != null; rec = c.next()) ids.add(rec.value());
        }
        assertEquals(22, ids.size(), "order 1 (1.50) is filtered out");
        assertEquals(2L, ids.get(0));
        assertEquals(23L, ids.get(21));

        // a grouped query is wrapped as a subquery; its DECIMAL key is bound back with its type
        List<BigDecimal> amounts = new ArrayList<>();
        Source<BigDecimal> grouped = JdbcSource.builder(store::openConnection)
                .select("SELECT AMOUNT, COUNT(*) AS N FROM ORDERS_CLEAN GROUP BY AMOUNT")
                .keyColumn("AMOUNT").pageSize(4).mapper(rs -> rs.getBigDecimal("AMOUNT")).build();
        try (Source.Cursor<BigDecimal> c = grouped.open(null)) {
            for (var rec = c.next(); rec != null; rec = c.next()) amounts.add(rec.value());
        }
        assertEquals(23, amounts.size());
        assertEquals(new BigDecimal("1.50"), amounts.get(0));
        assertEquals(new BigDecimal("23.50"), amounts.get(22));

        // a copy pipeline: JdbcSource -> JdbcSink, on the same PostgreSQL database
        Pipeline copy = Pipeline.named("copy")
                .beforeRun(c -> {
                    try (Statement st = c.createStatement()) {
                        st.execute("CREATE TABLE IF NOT EXISTS ORDER_IDS (ORDER_ID BIGINT PRIMARY KEY, RUN_ID BIGINT)");
                    }
                })
                .step(BatchStep.reading("copy", JdbcSource.builder(store::openConnection).table("ORDERS_CLEAN")
                                .keyColumn("ORDER_ID").pageSize(7).mapper(rs -> rs.getLong("ORDER_ID")).build())
                        .writeTo(JdbcSink.<Long>builder("ORDER_IDS").column("ORDER_ID", id -> id).runColumn("RUN_ID")
                                .build()))
                .build();
        RunResult copied = runner().run(copy);
        assertEquals(RunStatus.SUCCEEDED, copied.status(), copied.stopReason());
        assertEquals(23, count("SELECT COUNT(*) FROM ORDER_IDS"));
    }

    @Test
    void everyReportComputesOverRunsStoredInPostgres() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        Pipeline p = ordersPipeline("reported", CsvSource.builder(csv("orders.csv", 40, 3, 13, 23, 33)).build(),
                ordersSink().build(), o -> {
                    if (o.id() == 25 && broken.get()) throw new SQLException("permission denied for table rates", "42501");
                    return o;
                });
        assertEquals(RunStatus.FAILED, runner().run(p).status());
        broken.set(false);
        clock.advance(java.time.Duration.ofMinutes(10));
        RunResult done = runner().run(p);
        assertEquals(RunStatus.SUCCEEDED, done.status(), done.stopReason());
        assertEquals(4, done.recordsQuarantined());
        clock.advance(java.time.Duration.ofMinutes(1));

        Reports reports = Reports.on(store).clock(clock);
        assertEquals(List.of("reported"), reports.pipelines());

        BudgetReport budget = reports.budget("reported");
        assertEquals(40, budget.records().total());
        assertEquals(4, budget.records().failed());
        assertEquals(1, budget.runs().total());
        assertNotNull(budget.status());
        assertTrue(reports.refreshSnapshots() >= 1);
        assertTrue(reports.rebuildSnapshots("reported", clock.instant().minus(java.time.Duration.ofDays(1)),
                clock.instant()) >= 1);
        assertTrue(count("SELECT COUNT(*) FROM ERROR_BUDGET WHERE ROW_KIND = 'SNAPSHOT' AND PIPELINE = 'reported'") >= 1,
                "hourly snapshots were stored");
        assertEquals(40, reports.budget("reported").records().total(), "the same from stored snapshots");

        PatternReport patterns = reports.patterns(PatternQuery.of("reported"));
        assertFalse(patterns.patterns().isEmpty());
        var validation = patterns.patterns().stream().filter(e -> "VALIDATION".equals(e.errorType())).findFirst().orElseThrow();
        assertEquals(4, validation.occurrences());
        assertEquals(4, patterns.totalOccurrences() - patterns.patterns().stream()
                .filter(e -> !"VALIDATION".equals(e.errorType())).mapToLong(e -> e.occurrences()).sum());

        FailureReport failures = reports.failures(FailureQuery.of("reported"));
        PipelineFailures pf = failures.pipelines().get(0);
        assertEquals("reported", pf.pipeline());
        assertEquals(1, pf.runs());
        assertEquals(40, pf.records());
        assertEquals(4, pf.failedRecords());
        assertEquals(1, pf.incidents(), "the stop, resolved by the resume");
        assertEquals(0, pf.unresolvedIncidents());
        assertEquals(java.time.Duration.ofMinutes(10), pf.mttr());
        Instant today = Instant.parse("2026-11-02T00:00:00Z");
        List<AnalysisRow> stored = store.withSession(s -> s.attach(AnalysisRepository.class)
                .rows("reported", AnalysisRow.DAY, today, clock.instant()));
        assertEquals(1, stored.size(), "today's DAY row was stored");
        assertEquals(40, stored.get(0).recordsTotal());
        reports.failures(FailureQuery.of("reported")); // a second computation updates the stored rows in place
        assertEquals(1, (int) store.withSession(s -> s.attach(AnalysisRepository.class)
                .rows("reported", AnalysisRow.DAY, today, clock.instant()).size()));
        assertEquals(1, (int) store.withSession(s -> s.attach(AnalysisRepository.class)
                .rows("reported", AnalysisRow.RUN, today, clock.instant()).size()), "the run's RUN row was stored");

        var health = reports.health();
        assertEquals(HealthStatus.OK, health.item("store").orElseThrow().status());
        assertTrue(health.store().startsWith("jdbc:postgresql:"), health.store());
        assertEquals("4", health.schemaVersion());
        assertEquals(1, count("SELECT COUNT(*) FROM SYSTEM_HEALTH WHERE PHASE = 'CHECK'"), "the check stored its snapshot");
        try (HealthMonitor monitor = HealthMonitor.start(store, done.runId(), java.time.Duration.ofHours(1))) {
            assertNotNull(monitor);
        }
        assertEquals(List.of("RUN_START", "RUN_END"),
                store.withSession(s -> s.health().forRun(done.runId())).stream().map(h -> h.phase()).toList());
    }

    private String cli(int expectedExit, String... args) {
        List<String> all = new ArrayList<>(List.of("--db", storeUrl, "--db-user", user));
        if (!password.isEmpty()) all.addAll(List.of("--db-password", password));
        all.addAll(List.of(args));
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int code = io.etlrecovery.cli.Main.run(all.toArray(new String[0]), new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true));
        String text = out + "\n" + err;
        assertEquals(expectedExit, code, text);
        return text;
    }

    @Test
    void theCommandLineVerifiesAPostgresStoreAndSeesATableMissingFromItsSchemaThoughAnotherSchemaHasIt()
            throws Exception {
        assertTrue(cli(0, "db", "verify").contains("all 13 present"));
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema + "_other");
            st.execute("CREATE TABLE " + schema + "_other.SYSTEM_HEALTH (X INTEGER)");
            st.execute("DROP TABLE " + schema + ".SYSTEM_HEALTH");
        }
        String text = cli(5, "db", "verify"); // exit code 5: a store error
        assertTrue(text.contains("1 of 13 missing: SYSTEM_HEALTH"), text);
    }
}
