package io.etlrecovery.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store on PostgreSQL: the same migrations and every repository statement, unchanged. Runs only when
 * {@code ETL_RECOVERY_TEST_PG_URL} names a PostgreSQL database (e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres};
 * user {@code ETL_RECOVERY_TEST_PG_USER}, default {@code postgres}; password {@code ETL_RECOVERY_TEST_PG_PASSWORD},
 * default empty); skipped otherwise. Each test migrates a fresh schema of its own and drops it afterwards.
 */
class PostgresStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private String url;
    private String user;
    private String password;
    private String schema;
    private Store store;

    @BeforeEach
    void freshSchema() throws SQLException {
        url = System.getenv("ETL_RECOVERY_TEST_PG_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "ETL_RECOVERY_TEST_PG_URL is not set: no PostgreSQL to test on");
        user = envOr("ETL_RECOVERY_TEST_PG_USER", "postgres");
        password = envOr("ETL_RECOVERY_TEST_PG_PASSWORD", "");
        schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        sql("CREATE SCHEMA " + schema);
        store = Store.open(new StoreConfig(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password));
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (store != null) store.close();
        if (schema != null && url != null && !url.isBlank()) sql("DROP SCHEMA " + schema + " CASCADE");
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    @Test
    void theMigrationsCreateEveryTableInTheTestSchemaAtVersion4() throws SQLException {
        assertEquals("4", store.schemaVersion());
        try (Connection c = store.openConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT current_schema()")) {
            rs.next();
            assertEquals(schema, rs.getString(1));
        }
        Map<String, Long> counts = store.tableCounts();
        assertEquals(Store.TABLES, List.copyOf(counts.keySet()));
        counts.values().forEach(n -> assertEquals(0L, n));
        assertTrue(store.isReachable());
    }

    @Test
    void reopeningAMigratedSchemaKeepsItsData() {
        long id = store.inTransaction(s -> s.runs().create("p", T0, "h", 1, null, null, null));
        store.close();
        store = Store.open(new StoreConfig(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password));
        assertEquals("4", store.schemaVersion());
        assertEquals("p", store.withSession(s -> s.runs().find(id)).orElseThrow().pipeline());
    }

    @Test
    void theTablesWrittenInEveryBatchHandOutTheirIdsOneAtATimeAsPostgresCachesThemPerSession() throws SQLException {
        try (Connection c = store.openConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT UPPER(c.table_name), UPPER(c.column_name), s.cache_size "
                     + "FROM information_schema.columns c JOIN pg_sequences s ON s.schemaname || '.' || s.sequencename "
                     + "= pg_get_serial_sequence(c.table_schema || '.' || c.table_name, c.column_name) "
                     + "WHERE c.table_schema = current_schema() AND c.is_identity = 'YES' AND UPPER(c.table_name) IN "
                     + "('ERROR_DETAILS', 'RETRY_ATTEMPTS', 'QUARANTINED_RECORDS', 'RECOVERY_ACTIONS', 'CHECKPOINTS') "
                     + "ORDER BY 1")) {
            List<String> seen = new ArrayList<>();
            while (rs.next()) seen.add(rs.getString(1) + "." + rs.getString(2) + " cache " + rs.getLong(3));
            assertEquals(List.of("CHECKPOINTS.CHECKPOINT_ID cache 1", "ERROR_DETAILS.ERROR_ID cache 1",
                    "QUARANTINED_RECORDS.QUARANTINE_ID cache 1", "RECOVERY_ACTIONS.ACTION_ID cache 1",
                    "RETRY_ATTEMPTS.ATTEMPT_ID cache 1"), seen);
        }
        // two connections inserting in turn get ids in insertion order (with V3's cache: 1, 1001, 2)
        try (Connection a = store.openConnection(); Connection b = store.openConnection()) {
            List<Long> ids = new ArrayList<>();
            for (Connection c : List.of(a, b, a)) {
                try (Statement st = c.createStatement(); var rs = st.executeQuery("INSERT INTO RECOVERY_ACTIONS "
                        + "(ACTION, OUTCOME, CREATED_AT) VALUES ('PURGE', 'DONE', CURRENT_TIMESTAMP) RETURNING ACTION_ID")) {
                    rs.next();
                    ids.add(rs.getLong(1));
                }
            }
            assertEquals(List.of(ids.get(0), ids.get(0) + 1, ids.get(0) + 2), ids);
        }
    }

    /**
     * The store's upserts are an UPDATE, then an INSERT of the rows it missed: PostgreSQL types each parameter from
     * its column there, so a NULL the driver sends untyped (a TIMESTAMP: it cannot tell with or without time zone)
     * is accepted. In a MERGE's {@code USING (VALUES (?))} the same NULL is read as text and refused.
     */
    @Test
    void aBreakerSavesNullTimesOnItsInsertAndItsUpdatePath() {
        // first saved CLOSED, never opened: OPENED_AT and NEXT_TRIAL_AT inserted as NULL
        store.useTransaction(s -> s.breakers().save(new BreakerRow("db", "CLOSED", 0, 0, 1, 0, null, null, T0)));
        BreakerRow inserted = store.withSession(s -> s.breakers().find("db")).orElseThrow();
        assertNull(inserted.openedAt());
        assertNull(inserted.nextTrialAt());
        store.useTransaction(s -> s.breakers().save(new BreakerRow("db", "OPEN", 3, 3, 1, 0, T0.plusSeconds(1),
                T0.plusSeconds(31), T0.plusSeconds(1))));
        assertEquals(T0.plusSeconds(31), store.withSession(s -> s.breakers().find("db")).orElseThrow().nextTrialAt());
        // and set back to NULL by an update
        store.useTransaction(s -> s.breakers().save(new BreakerRow("db", "CLOSED", 0, 3, 2, 0, null, null,
                T0.plusSeconds(40))));
        BreakerRow updated = store.withSession(s -> s.breakers().find("db")).orElseThrow();
        assertEquals("CLOSED", updated.state());
        assertNull(updated.openedAt());
        assertNull(updated.nextTrialAt());
        assertEquals(T0.plusSeconds(40), updated.updatedAt());
    }

    @Test
    void runsRoundTripThroughEveryRunStatement() {
        long id = store.inTransaction(s -> s.runs().create("orders", T0, "host1", 42, "/in.csv", "fp1", "{\"batchSize\":10}"));
        long other = store.inTransaction(s -> s.runs().create("other", T0.plusSeconds(1), "host1", 43, null, null, null));
        store.useTransaction(s -> s.runs().addCounts(id, 100, 95, 5, 0, 3, 1, "load", T0.plusSeconds(5)));
        assertEquals(1, (int) store.withSession(s -> s.runs().heartbeat(id, T0.plusSeconds(6))));
        RunRow r = store.withSession(s -> s.runs().find(id)).orElseThrow();
        assertEquals(100, r.recordsRead());
        assertEquals(95, r.recordsLoaded());
        assertEquals(5, r.recordsQuarantined());
        assertEquals(T0.plusSeconds(6), r.heartbeatAt());
        assertEquals(T0, r.startedAt());
        assertEquals("{\"batchSize\":10}", r.parameters());

        assertEquals(id, store.withSession(s -> s.runs().latestUnfinished("orders")).orElseThrow().runId());
        store.useTransaction(s -> s.runs().finish(id, "STOPPED", T0.plusSeconds(7), "SYSTEM", "disk full"));
        assertEquals("disk full", store.withSession(s -> s.runs().find(id)).orElseThrow().stopReason());
        store.useTransaction(s -> s.runs().resume(id, T0.plusSeconds(8), "host2", 44));
        RunRow resumed = store.withSession(s -> s.runs().find(id)).orElseThrow();
        assertEquals(1, resumed.resumeCount());
        assertNull(resumed.endedAt());
        assertNull(resumed.stopReason());
        store.useTransaction(s -> s.runs().finish(id, "SUCCEEDED", T0.plusSeconds(9), null, null));
        assertEquals(id, store.withSession(s -> s.runs().latestSucceededWithFingerprint("orders", "fp1")).orElseThrow().runId());
        store.useTransaction(s -> s.runs().setStatus(other, "ABANDONED"));

        // optional filters bound as null
        assertEquals(List.of(other, id), ids(store.withSession(s -> s.runs().list(null, null, T0.minusSeconds(1), 10))));
        assertEquals(List.of(id), ids(store.withSession(s -> s.runs().list("orders", "SUCCEEDED", T0.minusSeconds(1), 10))));
        assertEquals(List.of(other), ids(store.withSession(s -> s.runs().list(null, null, T0.minusSeconds(1), 1))));
        assertEquals(List.of(id, other), ids(store.withSession(s -> s.runs().overlapping(null, T0, T0.plusSeconds(60)))));
        assertEquals(List.of(id), ids(store.withSession(s -> s.runs().overlapping("orders", T0, T0.plusSeconds(60)))));
        assertEquals(List.of("orders", "other"), store.withSession(s -> s.runs().pipelines()));
    }

    @Test
    void theLockAdmitsOneHolderAndARefusedInsertLeavesASavepointedTransactionUsable() throws SQLException {
        long a = store.inTransaction(s -> s.runs().create("p", T0, "h", 1, null, null, null));
        long b = store.inTransaction(s -> s.runs().create("p", T0, "h", 2, null, null, null));
        store.useTransaction(s -> s.locks().insert("p", a, "h", 1, T0));
        assertThrows(RuntimeException.class, () -> store.useTransaction(s -> s.locks().insert("p", b, "h", 2, T0)));
        // PostgreSQL aborts a transaction on the first error unless the statement ran under a savepoint
        int tookOver = store.inTransaction(s -> {
            var sp = s.connection().setSavepoint();
            try {
                s.locks().insert("p", b, "h", 2, T0);
            } catch (RuntimeException expected) {
                s.connection().rollback(sp);
            }
            return s.locks().takeOver("p", a, 1, b, "h", 2, T0.plusSeconds(1));
        });
        assertEquals(1, tookOver);
        assertEquals(0, (int) store.inTransaction(s -> s.locks().takeOver("p", 999, 1, a, "h", 1, T0)));
        assertEquals(1, (int) store.inTransaction(s -> s.locks().heartbeat("p", b, 2, T0.plusSeconds(2))));
        LockRepository.LockRow lock = store.withSession(s -> s.locks().find("p")).orElseThrow();
        assertEquals(b, lock.runId());
        assertEquals(T0.plusSeconds(2), lock.heartbeatAt());
        assertEquals(1, (int) store.inTransaction(s -> s.locks().release("p", b, 2)));
        store.useTransaction(s -> s.locks().insert("p", a, "h", 1, T0));
        assertEquals(1, (int) store.inTransaction(s -> s.locks().releaseRun("p", a)));
        assertTrue(store.withSession(s -> s.locks().find("p")).isEmpty());
    }

    @Test
    void checkpointsRoundTripAndTheLatestPerStepIsFound() {
        long id = store.inTransaction(s -> s.runs().create("p", T0, "h", 1, null, null, null));
        store.useTransaction(s -> {
            for (int b = 1; b <= 3; b++) {
                s.checkpoints().insert(new CheckpointRow(0, id, "p", "load", 0, b, CheckpointRow.IN_PROGRESS, 10, 9, 1,
                        0, 0, b * 10L, b * 9L, b, b * 10L, "record " + b * 10, "{\"char\":" + b + "}", T0.plusSeconds(b)));
            }
            s.checkpoints().insert(new CheckpointRow(0, id, "p", "export", 1, 1, CheckpointRow.COMPLETED, 0, 0, 0, 0, 0,
                    0, 0, 0, null, null, null, T0.plusSeconds(9)));
        });
        CheckpointRow latest = store.withSession(s -> s.checkpoints().latest(id, "load")).orElseThrow();
        assertEquals(3, latest.batchNumber());
        assertEquals("{\"char\":3}", latest.progressData());
        assertEquals(T0.plusSeconds(3), latest.createdAt());
        assertEquals(List.of("load", "export"),
                store.withSession(s -> s.checkpoints().latestPerStep(id)).stream().map(CheckpointRow::stepName).toList());
        assertEquals(4, store.withSession(s -> s.checkpoints().between(null, T0, T0.plusSeconds(60))).size());
        assertEquals(2, store.withSession(s -> s.checkpoints().between("p", T0.plusSeconds(2), T0.plusSeconds(4))).size());
        assertThrows(RuntimeException.class, () -> store.useTransaction(s -> s.checkpoints().insert(new CheckpointRow(0,
                id, "p", "load", 0, 3, CheckpointRow.IN_PROGRESS, 1, 1, 0, 0, 0, 1, 1, 0, 1L, null, null, T0))));
        assertEquals(4, (int) store.inTransaction(s -> s.checkpoints().deleteForRun(id)));
    }

    @Test
    void errorsAndAttemptsRoundTripWithGeneratedKeysAndArePurgedInChunks() {
        long id = store.inTransaction(s -> s.runs().create("p", T0, "h", 1, null, null, null));
        List<ErrorRow> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) rows.add(error(id, i, i < 30 ? T0 : T0.plusSeconds(3600)));
        long[] errorIds = store.inTransaction(s -> {
            long[] generated = s.errors().insertErrors(rows);
            List<AttemptRow> attempts = new ArrayList<>();
            for (int i = 0; i < generated.length; i++) {
                attempts.add(new AttemptRow(null, generated[i], id, 1, 100, "FAILED", "X", "m", rows.get(i).occurredAt()));
            }
            s.errors().insertAttempts(attempts);
            return generated;
        });
        assertEquals(50, errorIds.length);
        for (int i = 1; i < errorIds.length; i++) assertTrue(errorIds[i] > errorIds[i - 1], "ids in insert order");
        List<ErrorRow> read = store.withSession(s -> s.errors().forRun(id));
        assertEquals(errorIds[0], read.get(0).errorId());
        assertEquals(rows.get(0).message(), read.get(0).message());
        assertTrue(read.get(0).recoverable());
        assertEquals(T0, read.get(0).occurredAt());
        assertEquals(50L, (long) store.withSession(s -> s.errors().countForRun(id)));
        AttemptRow attempt = store.withSession(s -> s.errors().attemptsOf(errorIds[7])).get(0);
        assertEquals(100, attempt.delayMs());

        Instant before = T0.plusSeconds(60);
        ErrorRepository.AgedRows aged = store.withSession(s -> s.errors().agedErrors(before));
        assertEquals(30, aged.total());
        assertEquals(T0, aged.oldest());
        assertEquals(30, store.withSession(s -> s.errors().agedAttempts(before)).total());
        assertEquals(List.of(new ErrorRepository.PipelineOldest("p", T0)),
                store.withSession(s -> s.errors().oldestErrorPerPipeline(before)));
        assertEquals(10, (int) store.inTransaction(s -> s.errors().deleteAgedAttempts(before, 10)));
        assertEquals(25, (int) store.inTransaction(s -> s.errors().deleteAgedErrors(before, 25)));
        assertEquals(25L, (long) store.withSession(s -> s.errors().countForRun(id)));
        assertEquals(5, (int) store.inTransaction(s -> s.errors().deleteOlderThan(before)));
        assertEquals(0, store.withSession(s -> s.errors().agedErrors(before)).total());
        assertNull(store.withSession(s -> s.errors().agedErrors(before)).oldest());
    }

    @Test
    void quarantinedRecordsRoundTripPageCountAndChangeStatus() {
        long id = store.inTransaction(s -> s.runs().create("p", T0, "h", 1, null, null, null));
        long other = store.inTransaction(s -> s.runs().create("p", T0, "h", 1, null, null, null));
        List<QuarantineRow> rows = new ArrayList<>();
        for (int i = 1; i <= 25; i++) rows.add(quarantined(i <= 20 ? id : other, i));
        store.useTransaction(s -> s.quarantine().insertAll(rows));
        List<QuarantineRow> page1 = store.withSession(s -> s.quarantine().page("p", null, "QUARANTINED", 0, 10));
        assertEquals(10, page1.size());
        assertEquals(5, store.withSession(s -> s.quarantine().page(null, other, null, 0, 10)).size());
        QuarantineRow q = page1.get(0);
        assertEquals("1,C1,\"x, y\",password=hunter2", q.rawRecord());
        assertEquals("{\"order_id\":\"1\"}", q.parsedRecord());
        assertEquals(List.of(page1.get(0).quarantineId(), page1.get(3).quarantineId()),
                store.withSession(s -> s.quarantine().findAll(List.of(page1.get(3).quarantineId(), q.quarantineId())))
                        .stream().map(QuarantineRow::quarantineId).toList());
        assertEquals(25L, (long) store.withSession(s -> s.quarantine().count(null, null, null)));
        assertEquals(20L, (long) store.withSession(s -> s.quarantine().count(null, id, null)));
        assertEquals(Map.of("DATA", 20L), store.withSession(s -> s.quarantine().countByCategory(id)));

        assertArrayEquals(new int[] {1}, store.inTransaction(s -> s.quarantine().markReprocessed(List.of(q.quarantineId()),
                other, T0)));
        assertEquals(0, (int) store.inTransaction(s -> s.quarantine().discard(q.quarantineId(), "dup", T0)));
        QuarantineRow second = page1.get(1);
        QuarantineRow third = page1.get(2);
        assertArrayEquals(new int[] {1, 1}, store.inTransaction(s -> s.quarantine().markFailedAgain(List.of(
                failedAgain(second, "validate", "{\"order_id\":\"22\"}", "still bad"),
                failedAgain(third, "enrich", null, "bad again")))));
        QuarantineRow thirdRow = store.withSession(s -> s.quarantine().find(third.quarantineId())).orElseThrow();
        assertEquals("enrich", thirdRow.stepName());
        assertEquals("{\"order_id\":\"3\"}", thirdRow.parsedRecord(), "a null record keeps the stored one");
        assertEquals(2, thirdRow.attempts());
        assertEquals("{\"order_id\":\"22\"}", store.withSession(s -> s.quarantine().find(second.quarantineId()))
                .orElseThrow().parsedRecord());
        assertEquals(1, (int) store.inTransaction(s -> s.quarantine().discard(page1.get(4).quarantineId(), "test row", T0)));
        assertEquals(5, (int) store.inTransaction(s -> s.quarantine().discardAll("p", other, "old run", T0)));
        assertEquals(18, (int) store.inTransaction(s -> s.quarantine().discardAll("p", null, "all", T0)));
        assertEquals(0L, (long) store.withSession(s -> s.quarantine().count("p", null, "QUARANTINED")));
    }

    @Test
    void breakersPatternsActionsAndHealthRoundTrip() {
        long id = store.inTransaction(s -> s.runs().create("p", T0, "h", 1, null, null, null));
        store.useTransaction(s -> s.breakers().save(new BreakerRow("fx", "OPEN", 3, 3, 10, 0, T0, T0.plusSeconds(30), T0)));
        store.useTransaction(s -> s.breakers().save(new BreakerRow("fx", "HALF_OPEN", 0, 3, 10, 1, T0, null, T0.plusSeconds(30))));
        BreakerRow breaker = store.withSession(s -> s.breakers().find("fx")).orElseThrow();
        assertEquals("HALF_OPEN", breaker.state());
        assertNull(breaker.nextTrialAt());
        assertEquals(1, store.withSession(s -> s.breakers().all()).size());

        PatternRow delta = new PatternRow(null, "p", "abc", "validate", "DATA", "VALIDATION", "V", "amount <n>",
                "amount 12", 5, T0, T0, 1, id, "fix the amount");
        store.useTransaction(s -> s.patterns().record(delta, LocalDate.of(2026, 11, 1)));
        store.useTransaction(s -> s.patterns().record(delta, LocalDate.of(2026, 11, 1)));
        long run2 = store.inTransaction(s -> s.runs().create("p", T0, "h", 1, null, null, null));
        store.useTransaction(s -> s.patterns().record(new PatternRow(null, "p", "abc", "validate", "DATA", "VALIDATION",
                "V", "amount <n>", "amount 13", 2, T0, T0.plusSeconds(86400), 1, run2, "fix"), LocalDate.of(2026, 11, 2)));
        store.useTransaction(s -> s.patterns().record(new PatternRow(null, "p", "abc", "validate", "DATA", "VALIDATION",
                "V", "amount <n>", "amount 14", 1, T0, T0.plusSeconds(86400), 1, null, "fix"), LocalDate.of(2026, 11, 2)));
        PatternRow p = store.withSession(s -> s.patterns().find("p", "abc")).orElseThrow();
        assertEquals(13, p.occurrences());
        assertEquals(2, p.runsAffected());
        assertEquals(run2, p.lastRunId());
        assertEquals(T0.plusSeconds(86400), p.lastSeen());
        assertEquals(1, store.withSession(s -> s.patterns().seenSince(null, T0)).size());
        assertEquals(List.of(new PatternRepository.DayTotal("p", "abc", 13)), store.withSession(
                s -> s.patterns().totals(null, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 3))));

        store.useTransaction(s -> s.actions().insertAll(List.of(
                new ActionRow(null, id, null, "p", "enrich", "BREAKER_OPENED", "fx", "3 failures", "DONE", T0),
                new ActionRow(null, null, null, null, null, "PURGE", null, null, "DONE", T0))));
        assertEquals("BREAKER_OPENED", store.withSession(s -> s.actions().forRun(id)).get(0).action());
        assertEquals(1, store.withSession(s -> s.actions().byAction(null, "PURGE")).size());
        assertEquals(1, store.withSession(s -> s.actions().byAction("p", "BREAKER_OPENED")).size());

        store.useTransaction(s -> {
            s.health().insert(new HealthRow(null, id, "h", "RUN_START", 0.5, 1L << 30, 2L << 30, 5L << 30, 10L << 30,
                    100L, 200L, null, null, T0));
            s.health().insert(new HealthRow(null, null, "h", "CHECK", null, null, null, null, null, null, null, 7L, 9L,
                    T0.plusSeconds(10)));
        });
        HealthRow h = store.withSession(s -> s.health().forRun(id)).get(0);
        assertEquals(0.5, h.cpuLoad());
        assertNull(h.openFileDescriptors());
        assertEquals(List.of("CHECK", "RUN_START"),
                store.withSession(s -> s.health().recent(T0, 10)).stream().map(HealthRow::phase).toList());
        assertEquals(1, store.withSession(s -> s.health().recentOfPipeline("p", T0, 10)).size());
        assertEquals(1, store.withSession(s -> s.health().agedSnapshots(T0.plusSeconds(5))).total());
        assertEquals(1, (int) store.inTransaction(s -> s.health().deleteAgedSnapshots(T0.plusSeconds(5), 10)));
        assertEquals(1, (int) store.inTransaction(s -> s.health().deleteOlderThan(T0.plusSeconds(60))));
    }

    @Test
    void budgetAndAnalysisRowsRoundTripAndTheirSourceQueriesAggregate() {
        long id = store.inTransaction(s -> s.runs().create("p", T0, "h", 1, null, null, null));
        store.useTransaction(s -> {
            s.checkpoints().insert(new CheckpointRow(0, id, "p", "load", 0, 1, CheckpointRow.IN_PROGRESS, 10, 9, 1, 0, 0,
                    10, 9, 1, 10L, null, null, T0.plusSeconds(1)));
            s.checkpoints().insert(new CheckpointRow(0, id, "p", "load", 0, 2, CheckpointRow.COMPLETED, 5, 3, 2, 0, 0,
                    15, 12, 3, 15L, null, null, T0.plusSeconds(2)));
            s.runs().finish(id, "FAILED", T0.plusSeconds(3), "DATA", "too many bad records");
            s.errors().insertErrors(List.of(withOutcome(error(id, 1, T0), 3, "RECOVERED"),
                    withOutcome(error(id, 2, T0), 1, "FALLBACK_USED"), withOutcome(error(id, 3, T0), 2, "QUARANTINED")));
            s.actions().insertAll(List.of(new ActionRow(null, id, null, "p", null, "RUN_STOPPED", "p", "x", "DONE",
                    T0.plusSeconds(3))));
        });
        Instant from = T0.minusSeconds(3600);
        Instant to = T0.plusSeconds(3600);

        BudgetPolicyRow policy = new BudgetPolicyRow("p", new BigDecimal("0.995000"), new BigDecimal("0.950000"), 30, T0);
        store.useTransaction(s -> s.attach(BudgetRepository.class).savePolicy(policy));
        store.useTransaction(s -> s.attach(BudgetRepository.class).savePolicy(
                new BudgetPolicyRow("p", new BigDecimal("0.990000"), new BigDecimal("0.900000"), 7, T0)));
        BudgetRepository.RecordCounts counts = store.withSession(s -> {
            BudgetRepository budget = s.attach(BudgetRepository.class);
            assertEquals(0, new BigDecimal("0.99").compareTo(budget.policy("p").orElseThrow().recordSlo()));
            assertEquals(7, budget.policies().get(0).windowDays());
            assertEquals(List.of(new BudgetRepository.RunOutcome(id, "FAILED", T0.plusSeconds(3))),
                    budget.runOutcomes("p", from, to));
            assertEquals(T0, budget.firstRunStart("p").orElseThrow());
            assertEquals(List.of("p"), budget.pipelines());
            assertEquals(2, budget.batchCounts("p", from, to).size());
            return budget.recordCounts("p", from, to);
        });
        assertEquals(new BudgetRepository.RecordCounts(15, 3), counts);
        assertEquals(new BudgetRepository.RecordCounts(0, 0),
                store.withSession(s -> s.attach(BudgetRepository.class).recordCounts("none", from, to)));

        BudgetSnapshotRow snap = new BudgetSnapshotRow("p", T0, T0.plusSeconds(3600), 15, 3, 1, 1, T0);
        store.useTransaction(s -> s.attach(BudgetRepository.class).saveSnapshots(List.of(snap)));
        store.useTransaction(s -> s.attach(BudgetRepository.class).saveSnapshots(List.of(
                new BudgetSnapshotRow("p", T0, T0.plusSeconds(3600), 20, 4, 1, 1, T0))));
        List<BudgetSnapshotRow> snaps = store.withSession(s -> s.attach(BudgetRepository.class).snapshots("p", from, to));
        assertEquals(1, snaps.size());
        assertEquals(20, snaps.get(0).recordsTotal());
        assertEquals(1, (int) store.inTransaction(s -> s.attach(BudgetRepository.class).deleteSnapshotsBefore(to)));
        assertEquals(1, (int) store.inTransaction(s -> s.attach(BudgetRepository.class).deletePolicy("p")));

        AnalysisRow day = new AnalysisRow("p", AnalysisRow.DAY, T0, T0.plusSeconds(86400), null, 1, 1, 15, 3, 0.2,
                "NEW", null, null, "DATA", 2L, 2L, T0);
        store.useTransaction(s -> s.attach(AnalysisRepository.class).save(List.of(day)));
        store.useTransaction(s -> s.attach(AnalysisRepository.class).save(List.of(new AnalysisRow("p", AnalysisRow.DAY, T0,
                T0.plusSeconds(86400), id, 1, 1, 15, 3, 0.2, "STEADY", 60L, 0.5, "DATA", 2L, 1L, T0))));
        store.useTransaction(s -> {
            AnalysisRepository analysis = s.attach(AnalysisRepository.class);
            List<AnalysisRow> stored = analysis.rows(null, AnalysisRow.DAY, from, to);
            assertEquals(1, stored.size());
            assertEquals("STEADY", stored.get(0).trend());
            assertEquals(60L, stored.get(0).mttrSeconds());
            assertEquals(0.5, stored.get(0).recoverySuccessRate());
            assertEquals(List.of(new AnalysisRepository.RecoveryCount("p", 3, 2)), analysis.recoveryCounts(null, from, to));
            assertEquals(List.of(new AnalysisRepository.StopEvent(id, "p", T0.plusSeconds(3))), analysis.runStops("p", from, to));
            assertEquals(1, analysis.deleteOlderThan(to));
        });
    }

    private static List<Long> ids(List<RunRow> runs) {
        return runs.stream().map(RunRow::runId).toList();
    }

    private static ErrorRow error(long runId, int i, Instant at) {
        return new ErrorRow(null, runId, "p", "validate", 1L, "record " + i, (long) i,
                "io.etlrecovery.pipeline.ValidationException", "amount must be >= 0, was -" + i, "ValidationException: amount",
                "DATA", "VALIDATION", "MEDIUM", true, "fp" + (i % 7), "Fix the record and reprocess it.", 1, "QUARANTINED", at);
    }

    private static ErrorRow withOutcome(ErrorRow e, int attempts, String outcome) {
        return new ErrorRow(e.errorId(), e.runId(), e.pipeline(), e.stepName(), e.batchNumber(), e.recordPosition(),
                e.recordNumber(), e.exceptionClass(), e.message(), e.stackDigest(), e.category(), e.errorType(),
                e.severity(), e.recoverable(), e.fingerprint(), e.recommendation(), attempts, outcome, e.occurredAt());
    }

    /** {@code q} as a reprocessing run that failed it again in {@code step} reports it. */
    private static QuarantineRow failedAgain(QuarantineRow q, String step, String parsed, String message) {
        return new QuarantineRow(q.quarantineId(), q.runId(), q.pipeline(), step, q.batchNumber(), q.recordNumber(),
                q.lineNumber(), q.recordKey(), q.sourceRef(), q.rawRecord(), parsed, null, "V", message, "DATA",
                "VALIDATION", "f2", q.attempts(), q.status(), null, null, q.quarantinedAt(), T0.plusSeconds(5));
    }

    private static QuarantineRow quarantined(long runId, int i) {
        return new QuarantineRow(null, runId, "p", "validate", 1L, (long) i, i + 1L, null, "in.csv",
                i + ",C1,\"x, y\",password=hunter2", "{\"order_id\":\"" + i + "\"}", null, "V", "bad", "DATA", "VALIDATION",
                "fp", 1, QuarantineRow.QUARANTINED, null, null, T0, T0);
    }
}
