package io.etlrecovery.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {

    @TempDir
    Path dir;

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private Store open() {
        return Store.open(StoreConfig.ofH2File(dir.resolve("store")));
    }

    @Test
    void aFreshMigrationCreatesEveryTableAndIndex() throws Exception {
        try (Store store = open(); Connection c = store.openConnection()) {
            Set<String> tables = new HashSet<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) tables.add(rs.getString("TABLE_NAME"));
            }
            for (String t : Store.TABLES) assertTrue(tables.contains(t), "missing table " + t + " in " + tables);

            Set<String> indexes = new HashSet<>();
            for (String t : Store.TABLES) {
                try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, t, false, false)) {
                    while (rs.next()) if (rs.getString("INDEX_NAME") != null) indexes.add(rs.getString("INDEX_NAME"));
                }
            }
            for (String ix : List.of("IX_RUNS_PIPELINE_STARTED", "IX_RUNS_PIPELINE_FINGERPRINT", "IX_ERRORS_TIME",
                    "IX_ERRORS_RUN", "IX_QUARANTINE_PIPELINE_STATUS",
                    "IX_QUARANTINE_RUN_STATUS", "IX_CHECKPOINTS_PIPELINE_TIME",
                    "IX_RETRY_ERROR", "IX_BUDGET_PIPELINE_PERIOD", "IX_ACTIONS_RUN", "IX_HEALTH_TIME")) {
                assertTrue(indexes.contains(ix), "missing index " + ix);
            }
            for (String gone : List.of("IX_ERRORS_FINGERPRINT_TIME", "IX_ERRORS_PIPELINE_TIME", "IX_PATTERNS_LAST_SEEN")) {
                assertFalse(indexes.contains(gone), "V3 drops " + gone); // rewritten by every batch, read by no query
            }
            assertEquals("4", store.schemaVersion());
            // unquoted names in the default schema: a plain query works
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM QUARANTINED_RECORDS")) {
                rs.next();
                assertEquals(0, rs.getLong(1));
            }
        }
    }

    @Test
    void theTablesWrittenInEveryBatchHandOutTheirIdsInBlocksOfAThousand() throws Exception {
        try (Store store = open(); Connection c = store.openConnection();
             var ps = c.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME, IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS "
                     + "WHERE IS_IDENTITY = 'YES' AND TABLE_NAME IN ('ERROR_DETAILS', 'RETRY_ATTEMPTS', "
                     + "'QUARANTINED_RECORDS', 'RECOVERY_ACTIONS', 'CHECKPOINTS') ORDER BY TABLE_NAME");
             ResultSet rs = ps.executeQuery()) {
            List<String> seen = new ArrayList<>();
            while (rs.next()) seen.add(rs.getString(1) + "." + rs.getString(2) + " cache " + rs.getLong(3));
            // set by V3, kept by V4 on H2 (one cache for the database; PostgreSQL's is per session: PostgresStoreTest)
            assertEquals(List.of("CHECKPOINTS.CHECKPOINT_ID cache 1000", "ERROR_DETAILS.ERROR_ID cache 1000",
                    "QUARANTINED_RECORDS.QUARANTINE_ID cache 1000", "RECOVERY_ACTIONS.ACTION_ID cache 1000",
                    "RETRY_ATTEMPTS.ATTEMPT_ID cache 1000"), seen);
        }
    }

    @Test
    void aSessionIsReusedAfterWorkThatEndedNormallyAndDroppedAfterWorkThatFailedOrChangedIt() throws Exception {
        try (Store store = open()) {
            Connection first = store.withSession(StoreSession::connection);
            assertTrue(first == store.inTransaction(StoreSession::connection), "an idle session is handed out again");
            assertTrue(first.getAutoCommit(), "back in auto-commit after the transaction");

            assertThrows(IllegalStateException.class, () -> store.withSession(s -> {
                throw new IllegalStateException("work failed");
            }));
            assertTrue(first.isClosed(), "the session of failed work is closed, not reused");

            Connection second = store.withSession(s -> {
                s.connection().setAutoCommit(false); // work that leaves its connection changed
                return s.connection();
            });
            assertTrue(second != first);
            assertTrue(second.isClosed(), "a session left outside auto-commit is closed, not reused");

            // two threads at once get two sessions
            var inside = new java.util.concurrent.CountDownLatch(1);
            var release = new java.util.concurrent.CountDownLatch(1);
            var other = java.util.concurrent.CompletableFuture.supplyAsync(() -> store.withSession(s -> {
                inside.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return s.connection();
            }));
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            Connection mine = store.withSession(StoreSession::connection);
            release.countDown();
            assertTrue(mine != other.get(10, TimeUnit.SECONDS), "a session is never shared by two callers");
        }
    }

    @Test
    void aStoreClosedTheMomentItOpenedLeavesNoConnectionBehindToKeepTheDatabaseOpen() {
        for (int i = 0; i < 5; i++) {
            Store.open(StoreConfig.ofH2File(dir.resolve("quick" + i + "/store"))).close(); // new: migrated, then closed
            assertFalse(Files.exists(dir.resolve("quick" + i + "/store.lock.db")), "the database is still open: " + i);
        }
        try (Store store = open()) {
            assertEquals(0L, (long) store.tableCounts().get("PIPELINE_RUNS"));
        }
        assertFalse(Files.exists(dir.resolve("store.lock.db")), "a store that was used closes its database too");
    }

    @Test
    void closingTheStoreClosesItsIdleSessions() throws Exception {
        Store store = open();
        Connection c = store.withSession(StoreSession::connection);
        assertFalse(c.isClosed());
        store.close();
        assertTrue(c.isClosed());
    }

    @Test
    void oneCallRecordsSeveralPatternsSomeNewSomeKnownAndTheirDays() {
        try (Store store = open()) {
            long run = store.inTransaction(s -> s.runs().create("p", T0, "h", 1, null, null, null));
            LocalDate day = LocalDate.of(2026, 11, 1);
            store.useTransaction(s -> s.patterns().recordAll(List.of(pattern("a", 3, run)), day));
            store.useTransaction(s -> s.patterns().recordAll(List.of(pattern("a", 2, run), pattern("b", 4, run),
                    pattern("c", 1, run)), day));
            store.useTransaction(s -> s.patterns().recordAll(List.of(pattern("c", 5, run)), day.plusDays(1)));

            assertEquals(5, store.withSession(s -> s.patterns().find("p", "a")).orElseThrow().occurrences());
            assertEquals(4, store.withSession(s -> s.patterns().find("p", "b")).orElseThrow().occurrences());
            assertEquals(6, store.withSession(s -> s.patterns().find("p", "c")).orElseThrow().occurrences());
            var firstDay = store.withSession(s -> s.patterns().totals("p", day, day.plusDays(1)));
            assertEquals(java.util.Map.of("a", 5L, "b", 4L, "c", 1L), firstDay.stream().collect(
                    java.util.stream.Collectors.toMap(PatternRepository.DayTotal::fingerprint, PatternRepository.DayTotal::total)));
            var secondDay = store.withSession(s -> s.patterns().totals("p", day.plusDays(1), day.plusDays(2)));
            assertEquals(List.of("c=5"), secondDay.stream().map(t -> t.fingerprint() + "=" + t.total()).toList());
        }
    }

    private static PatternRow pattern(String fingerprint, long n, long run) {
        return new PatternRow(null, "p", fingerprint, "validate", "DATA", "VALIDATION", "V", "msg <n>", "msg 1", n, T0, T0,
                1, run, "fix it");
    }

    @Test
    void openingTheStoreTwiceIsIdempotentAndKeepsItsData() {
        long runId;
        try (Store store = open()) {
            runId = store.inTransaction(s -> s.runs().create("p", T0, "h", 1, "in.csv", "fp", null));
        }
        try (Store again = open()) {
            assertEquals("4", again.schemaVersion());
            assertEquals("p", again.withSession(s -> s.runs().find(runId)).orElseThrow().pipeline());
            assertEquals(1L, (long) again.tableCounts().get("PIPELINE_RUNS"));
        }
    }

    @Test
    void twoStoresOnOneFileWorkAtOnce() {
        try (Store first = open(); Store second = open()) {
            long id = first.inTransaction(s -> s.runs().create("a", T0, "h", 1, null, null, null));
            assertTrue(second.withSession(s -> s.runs().find(id)).isPresent());
        }
    }

    @Test
    void runsRoundTripAndKeepCountsAndHeartbeat() {
        try (Store store = open()) {
            long id = store.inTransaction(s -> s.runs().create("orders", T0, "host1", 42, "/in.csv", "size=1;sha256=ab", "{\"batchSize\":1000}"));
            store.useTransaction(s -> s.runs().addCounts(id, 1000, 990, 10, 0, 3, 1, "load", T0.plusSeconds(5)));
            store.useTransaction(s -> s.runs().addCounts(id, 500, 495, 5, 0, 0, 1, "load", T0.plusSeconds(9)));
            RunRow r = store.withSession(s -> s.runs().find(id)).orElseThrow();
            assertEquals("RUNNING", r.status());
            assertEquals(1500, r.recordsRead());
            assertEquals(1485, r.recordsLoaded());
            assertEquals(15, r.recordsQuarantined());
            assertEquals(3, r.retries());
            assertEquals(2, r.batchesCommitted());
            assertEquals(T0.plusSeconds(9), r.heartbeatAt());
            assertEquals("host1", r.host());
            assertEquals(42, r.pid());
            assertEquals("{\"batchSize\":1000}", r.parameters());
            assertEquals(id, store.withSession(s -> s.runs().latestUnfinished("orders")).orElseThrow().runId());

            store.useTransaction(s -> s.runs().finish(id, "SUCCEEDED", T0.plusSeconds(10), null, null));
            assertTrue(store.withSession(s -> s.runs().latestUnfinished("orders")).isEmpty());
            assertEquals(id, store.withSession(s -> s.runs().latestSucceededWithFingerprint("orders", "size=1;sha256=ab"))
                    .orElseThrow().runId());
            assertEquals(List.of(id), store.withSession(s -> s.runs().list("orders", null, T0.minusSeconds(1), 10))
                    .stream().map(RunRow::runId).toList());
        }
    }

    @Test
    void theLockAdmitsOneHolderAndATakeOverIsCompareAndSet() {
        try (Store store = open()) {
            long a = store.inTransaction(s -> s.runs().create("p", T0, "h", 1, null, null, null));
            long b = store.inTransaction(s -> s.runs().create("p", T0, "h", 2, null, null, null));
            store.useTransaction(s -> s.locks().insert("p", a, "h", 1, T0));
            assertThrows(RuntimeException.class, () -> store.useTransaction(s -> s.locks().insert("p", b, "h", 2, T0)));
            assertEquals(0, (int) store.inTransaction(s -> s.locks().takeOver("p", 999, 1, b, "h", 2, T0)));
            assertEquals(1, (int) store.inTransaction(s -> s.locks().takeOver("p", a, 1, b, "h", 2, T0)));
            assertEquals(b, store.withSession(s -> s.locks().find("p")).orElseThrow().runId());
            assertEquals(1, (int) store.inTransaction(s -> s.locks().release("p", b, 2)));
            assertTrue(store.withSession(s -> s.locks().find("p")).isEmpty());
        }
    }

    @Test
    void checkpointsRoundTripAndTheLatestPerStepIsFound() {
        try (Store store = open()) {
            long id = store.inTransaction(s -> s.runs().create("p", T0, "h", 1, null, null, null));
            store.useTransaction(s -> {
                for (int b = 1; b <= 3; b++) {
                    s.checkpoints().insert(new CheckpointRow(0, id, "p", "load", 0, b, CheckpointRow.IN_PROGRESS, 1000,
                            990, 10, 0, 1, b * 1000L, b * 990L, b * 10L, b * 1000L, "record " + b * 1000,
                            "{\"char\":" + b + "}", T0.plusSeconds(b)));
                }
                s.checkpoints().insert(new CheckpointRow(0, id, "p", "export", 1, 1, CheckpointRow.COMPLETED, 0, 0, 0, 0,
                        0, 0, 0, 0, null, null, null, T0.plusSeconds(9)));
            });
            CheckpointRow latest = store.withSession(s -> s.checkpoints().latest(id, "load")).orElseThrow();
            assertEquals(3, latest.batchNumber());
            assertEquals(3000, latest.recordsProcessed());
            assertEquals("{\"char\":3}", latest.progressData());
            assertEquals(T0.plusSeconds(3), latest.createdAt());
            List<CheckpointRow> perStep = store.withSession(s -> s.checkpoints().latestPerStep(id));
            assertEquals(List.of("load", "export"), perStep.stream().map(CheckpointRow::stepName).toList());
            // one batch is committed once: a second checkpoint for the same batch is refused
            assertThrows(RuntimeException.class, () -> store.useTransaction(s -> s.checkpoints().insert(
                    new CheckpointRow(0, id, "p", "load", 0, 3, CheckpointRow.IN_PROGRESS, 1, 1, 0, 0, 0, 1, 1, 0, 1L,
                            null, null, T0))));
        }
    }

    @Test
    void tenThousandErrorRowsAreWrittenInOneBatchAndOneTransaction() {
        try (Store store = open()) {
            long id = store.inTransaction(s -> s.runs().create("p", T0, "h", 1, null, null, null));
            List<ErrorRow> rows = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) rows.add(error(id, i));
            long[] ids = store.inTransaction(s -> {
                long[] generated = s.errors().insertErrors(rows);
                List<AttemptRow> attempts = new ArrayList<>();
                for (long e : generated) attempts.add(new AttemptRow(null, e, id, 1, 0, "FAILED", "X", "m", T0));
                s.errors().insertAttempts(attempts);
                return generated;
            });
            assertEquals(10_000, ids.length);
            assertEquals(10_000, new HashSet<>(java.util.Arrays.stream(ids).boxed().toList()).size());
            assertEquals(10_000L, (long) store.withSession(s -> s.errors().countForRun(id)));
            assertEquals(10_000L, store.tableCounts().get("RETRY_ATTEMPTS"));
            ErrorRow first = store.withSession(s -> s.errors().forRun(id)).get(0);
            assertEquals(rows.get(0).message(), first.message());
            assertEquals("DATA", first.category());
            assertTrue(first.recoverable());
            assertEquals(T0, first.occurredAt());
            assertEquals(1, (int) store.withSession(s -> s.errors().attemptsOf(ids[5])).size());
        }
    }

    @Test
    void aFailedTransactionLeavesNoPartialRows() {
        try (Store store = open()) {
            long id = store.inTransaction(s -> s.runs().create("p", T0, "h", 1, null, null, null));
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> store.useTransaction(s -> {
                s.errors().insertErrors(List.of(error(id, 1), error(id, 2)));
                s.quarantine().insertAll(List.of(quarantined(id, 1)));
                s.runs().addCounts(id, 2, 0, 2, 0, 0, 1, "load", T0);
                throw new IllegalStateException("sink failed");
            }));
            assertEquals("sink failed", thrown.getMessage());
            assertEquals(0L, (long) store.tableCounts().get("ERROR_DETAILS"));
            assertEquals(0L, (long) store.tableCounts().get("QUARANTINED_RECORDS"));
            assertEquals(0, (int) store.withSession(s -> s.runs().find(id)).orElseThrow().recordsRead());
        }
    }

    @Test
    void quarantinedRecordsRoundTripPageAndChangeStatus() {
        try (Store store = open()) {
            long id = store.inTransaction(s -> s.runs().create("p", T0, "h", 1, null, null, null));
            long other = store.inTransaction(s -> s.runs().create("p", T0, "h", 1, null, null, null));
            List<QuarantineRow> rows = new ArrayList<>();
            for (int i = 1; i <= 25; i++) rows.add(quarantined(i <= 20 ? id : other, i));
            store.useTransaction(s -> s.quarantine().insertAll(rows));
            List<QuarantineRow> page1 = store.withSession(s -> s.quarantine().page("p", null, "QUARANTINED", 0, 10));
            List<QuarantineRow> page3 = store.withSession(s -> s.quarantine().page("p", null, "QUARANTINED",
                    page1.get(9).quarantineId() + 10, 10));
            assertEquals(10, page1.size());
            assertEquals(5, page3.size());
            QuarantineRow q = page1.get(0);
            assertEquals("1,C1,\"x, y\",password=hunter2", q.rawRecord()); // raw values are kept as read
            assertEquals("{\"order_id\":\"1\"}", q.parsedRecord());
            assertEquals(2L, q.lineNumber());
            assertEquals(20L, (long) store.withSession(s -> s.quarantine().count(null, id, null)));
            long second = page1.get(1).quarantineId();
            assertArrayEquals(new int[] {1, 1}, store.inTransaction(s -> s.quarantine().markReprocessed(
                    List.of(q.quarantineId(), second), other, T0)));
            assertArrayEquals(new int[] {0}, store.inTransaction(s -> s.quarantine().markReprocessed(
                    List.of(q.quarantineId()), other, T0)), "a row reprocessed before is left alone");
            assertEquals(0, (int) store.inTransaction(s -> s.quarantine().discard(q.quarantineId(), "dup", T0)));
            QuarantineRow third = page1.get(2);
            QuarantineRow fourth = page1.get(3);
            assertArrayEquals(new int[] {1, 1, 0}, store.inTransaction(s -> s.quarantine().markFailedAgain(List.of(
                    failedAgain(third, "enrich", null, "still bad"),
                    failedAgain(fourth, "validate", "{\"order_id\":\"44\"}", "bad again"),
                    failedAgain(q, "validate", null, "not quarantined any more")))));
            QuarantineRow thirdRow = store.withSession(s -> s.quarantine().find(third.quarantineId())).orElseThrow();
            assertEquals(2, thirdRow.attempts());
            assertEquals("enrich", thirdRow.stepName());
            assertEquals("still bad", thirdRow.errorMessage());
            assertEquals(third.parsedRecord(), thirdRow.parsedRecord(), "a null record keeps the stored one");
            assertEquals(third.rawRecord(), thirdRow.rawRecord());
            QuarantineRow fourthRow = store.withSession(s -> s.quarantine().find(fourth.quarantineId())).orElseThrow();
            assertEquals("{\"order_id\":\"44\"}", fourthRow.parsedRecord());
            assertEquals(T0.plusSeconds(5), fourthRow.updatedAt());
            assertEquals(QuarantineRow.REPROCESSED, store.withSession(s -> s.quarantine().find(q.quarantineId()))
                    .orElseThrow().status());
            assertEquals(1, (int) store.inTransaction(s -> s.quarantine().discard(page1.get(4).quarantineId(), "test row", T0)));
            assertEquals(17L, (long) store.withSession(s -> s.quarantine().count("p", id, "QUARANTINED")));
            assertEquals(java.util.Map.of("DATA", 20L), store.withSession(s -> s.quarantine().countByCategory(id)));
        }
    }

    @Test
    void breakerStatesPatternsActionsAndHealthRoundTrip() {
        try (Store store = open()) {
            long id = store.inTransaction(s -> s.runs().create("p", T0, "h", 1, null, null, null));
            BreakerRow open = new BreakerRow("fx", "OPEN", 3, 3, 10, 0, T0, T0.plusSeconds(30), T0);
            store.useTransaction(s -> s.breakers().save(open));
            store.useTransaction(s -> s.breakers().save(new BreakerRow("fx", "HALF_OPEN", 0, 3, 10, 1, T0, null, T0.plusSeconds(30))));
            assertEquals("HALF_OPEN", store.withSession(s -> s.breakers().find("fx")).orElseThrow().state());
            assertEquals(1, (int) store.withSession(s -> s.breakers().all()).size());

            PatternRow delta = new PatternRow(null, "p", "abc", "validate", "DATA", "VALIDATION", "V", "amount <n>",
                    "amount 12", 5, T0, T0, 1, id, "fix the amount");
            store.useTransaction(s -> s.patterns().record(delta, LocalDate.of(2026, 11, 1)));
            store.useTransaction(s -> s.patterns().record(delta, LocalDate.of(2026, 11, 1)));
            long run2 = store.inTransaction(s -> s.runs().create("p", T0, "h", 1, null, null, null));
            store.useTransaction(s -> s.patterns().record(new PatternRow(null, "p", "abc", "validate", "DATA", "VALIDATION",
                    "V", "amount <n>", "amount 13", 2, T0, T0.plusSeconds(86400), 1, run2, "fix"), LocalDate.of(2026, 11, 2)));
            PatternRow p = store.withSession(s -> s.patterns().find("p", "abc")).orElseThrow();
            assertEquals(12, p.occurrences());
            assertEquals(2, p.runsAffected());
            assertEquals("amount 13", p.exampleMessage());
            assertEquals(T0, p.firstSeen());
            assertEquals(T0.plusSeconds(86400), p.lastSeen());
            var totals = store.withSession(s -> s.patterns().totals("p", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2)));
            assertEquals(10, totals.get(0).total());

            store.useTransaction(s -> s.actions().insertAll(List.of(
                    new ActionRow(null, id, null, "p", "enrich", "BREAKER_OPENED", "fx", "3 failures", "DONE", T0))));
            assertEquals("BREAKER_OPENED", store.withSession(s -> s.actions().forRun(id)).get(0).action());

            store.useTransaction(s -> s.health().insert(new HealthRow(null, id, "h", "RUN_START", 0.5, 1L << 30, 2L << 30,
                    5L << 30, 10L << 30, 100L, 200L, null, null, T0)));
            HealthRow h = store.withSession(s -> s.health().forRun(id)).get(0);
            assertEquals(0.5, h.cpuLoad());
            assertEquals(null, h.openFileDescriptors());
        }
    }

    // --- clear errors ---------------------------------------------------------------------------------

    @Test
    void aUrlWithoutJdbcPrefixIsRefusedWithAnExample() {
        var e = assertThrows(StoreException.InvalidUrl.class, () -> Store.open("h2:file:./x"));
        assertTrue(e.getMessage().contains("a JDBC URL starts with 'jdbc:'"), e.getMessage());
        assertTrue(e.getMessage().contains("--db"), e.getMessage());
    }

    @Test
    void aUrlNoDriverAcceptsIsRefusedAndItsPasswordIsRedacted() {
        var e = assertThrows(StoreException.InvalidUrl.class,
                () -> Store.open("jdbc:nosuchdb://db.example:5/x?user=u&password=hunter2"));
        assertTrue(e.getMessage().startsWith("Invalid store URL"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void aMalformedH2UrlIsRefused() {
        var e = assertThrows(StoreException.class, () -> Store.open("jdbc:h2:file:" + dir + "/s;NO_SUCH_SETTING=1"));
        assertTrue(e.getMessage().contains("NO_SUCH_SETTING"), e.getMessage());
        assertFalse(e.getMessage().contains("\tat "), "no stack trace in the message");
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsReportedWithWhatToDo() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        var e = assertThrows(StoreException.NotWritable.class,
                () -> Store.open(StoreConfig.ofH2File(file.resolve("sub").resolve("store"))));
        assertTrue(e.getMessage().startsWith("Cannot create the store directory"), e.getMessage());
        assertTrue(e.getMessage().contains("writable"), e.getMessage());
    }

    @Test
    void aReadOnlyStoreFileIsReportedAtOpen() throws Exception {
        try (Store ignored = open()) {
            // creates the file
        }
        Path data = dir.resolve("store.mv.db");
        assertTrue(data.toFile().setWritable(false, false));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(data), "running as root: permissions are not enforced");
            var e = assertThrows(StoreException.NotWritable.class, this::open);
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        } finally {
            data.toFile().setWritable(true, false);
        }
    }

    @Test
    void aSchemaFromANewerVersionIsRefused() throws Exception {
        try (Store store = open(); Connection c = store.openConnection(); var st = c.createStatement()) {
            st.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", "
                    + "\"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") VALUES (99, '99', "
                    + "'from the future', 'SQL', 'V99__from_the_future.sql', 1, 'sa', 1, TRUE)");
        }
        var e = assertThrows(StoreException.SchemaTooNew.class, this::open);
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
        assertTrue(e.getMessage().contains("Upgrade etl-recovery"), e.getMessage());
    }

    @Test
    void aStoreFileHeldByAnotherProcessIsReportedAsLocked() throws Exception {
        Path db = dir.resolve("held");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldH2FileOpen.class.getName(), db.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            String line;
            while ((line = out.readLine()) != null && !line.equals("READY")) {
                // skip any logging until the child holds the file
            }
            assertEquals("READY", line, "the child process did not open the database");
            var e = assertThrows(StoreException.Locked.class, () -> Store.open(StoreConfig.ofH2File(db)));
            assertTrue(e.getMessage().contains("locked by another process"), e.getMessage());
            assertTrue(e.getMessage().contains("Close that program"), e.getMessage());
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void jdbcUrlsAreRedacted() {
        assertEquals("jdbc:postgresql://etl:***@db:5432/x", JdbcUrls.redact("jdbc:postgresql://etl:s3cret@db:5432/x"));
        assertEquals("jdbc:h2:file:/x;USER=sa;PASSWORD=***", JdbcUrls.redact("jdbc:h2:file:/x;USER=sa;PASSWORD=abc"));
        assertEquals("jdbc:postgresql://db/x?user=a&password=***&ssl=true",
                JdbcUrls.redact("jdbc:postgresql://db/x?user=a&password=b&ssl=true"));
    }

    private static ErrorRow error(long runId, int i) {
        return new ErrorRow(null, runId, "p", "validate", 1L, "record " + i, (long) i, "io.etlrecovery.pipeline.ValidationException",
                "amount must be >= 0, was -" + i, "ValidationException: amount", "DATA", "VALIDATION", "MEDIUM", true,
                "fp" + (i % 7), "Fix the record and reprocess it.", 1, "QUARANTINED", T0);
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
                "fp", 1, QuarantineRow.QUARANTINED, null, null, T0.truncatedTo(ChronoUnit.SECONDS), T0);
    }

    @SuppressWarnings("unused")
    private static void assertSameBytes(byte[] a, byte[] b) throws SQLException {
        assertArrayEquals(a, b);
    }

    @Test
    void theSchemaVersionConstantIsTheNewestMigrationSoAStoreAtItSkipsFlyway() throws Exception {
        String newest;
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(
                java.nio.file.Path.of("src/main/resources/db/migration"))) {
            newest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).max(java.util.Comparator.comparingInt(Integer::parseInt))
                    .orElseThrow();
        }
        assertEquals(newest, Store.SCHEMA_VERSION, "bump Store.SCHEMA_VERSION with each new migration");
        try (Store store = Store.open(StoreConfig.ofH2File(dir.resolve("fast")))) {
            assertEquals(newest, store.schemaVersion());
        }
        try (Store again = Store.open(StoreConfig.ofH2File(dir.resolve("fast")))) {
            assertEquals(newest, again.schemaVersion(), "re-opened at the current version, without Flyway");
        }
    }

}
