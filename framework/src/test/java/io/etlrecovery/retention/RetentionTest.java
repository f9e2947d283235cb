package io.etlrecovery.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.cli.ReportHistory;
import io.etlrecovery.report.FailureQuery;
import io.etlrecovery.report.Reports;
import io.etlrecovery.store.AnalysisRepository;
import io.etlrecovery.store.AnalysisRow;
import io.etlrecovery.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.h2.api.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {

    static final Instant NOW = ReportHistory.NOW;
    static final Instant CUTOFF = Instant.parse("2026-11-17T00:00:00Z");

    @TempDir
    Path dir;

    private static long count(Store store, String sql, Object... params) {
        return store.withSession(s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i] instanceof Instant t ? Timestamp.from(t) : params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(sql, e);
            }
        });
    }

    @Test
    void theCutoffIsTheUtcMidnightThatBeganTheDayNDaysAgo() {
        assertEquals(Instant.parse("2026-11-13T00:00:00Z"), Retention.cutoff(NOW, 7));
        assertEquals(Instant.parse("2026-11-19T00:00:00Z"), Retention.cutoff(Instant.parse("2026-11-20T00:00:00Z"), 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Retention.cutoff(NOW, 0));
        assertTrue(e.getMessage().startsWith("days must be 1 to"), e.getMessage());
    }

    @Test
    void theChunkSizeIsValidatedAtOnceAndNamed() {
        try (ReportHistory h = ReportHistory.empty(dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Retention.on(h.store).chunkSize(0));
            assertTrue(e.getMessage().startsWith("chunkSize must be"), e.getMessage());
            assertEquals(Retention.DEFAULT_CHUNK_SIZE, Retention.on(h.store).chunkSize());
        }
    }

    @Test
    void aPurgeInSmallChunksRemovesExactlyWhatThePreviewCounted() {
        try (ReportHistory h = ReportHistory.standard(dir)) {
            Retention retention = Retention.on(h.store).clock(h.reportClock).chunkSize(3);
            long newer = count(h.store, "SELECT COUNT(*) FROM ERROR_DETAILS WHERE OCCURRED_AT >= ?", CUTOFF);
            Map<String, Long> before = h.store.tableCounts();

            PurgeReport preview = retention.preview(3);

            assertFalse(preview.executed());
            assertEquals(CUTOFF, preview.cutoff());
            assertEquals(before, h.store.tableCounts(), "a preview deletes nothing");
            assertEquals(List.of("RETRY_ATTEMPTS", "ERROR_DETAILS", "SYSTEM_HEALTH"),
                    preview.tables().stream().map(TablePurge::table).toList());
            assertTrue(preview.table("ERROR_DETAILS").orElseThrow().rows() > 3, "more than one chunk");
            assertEquals(Instant.parse("2026-11-11T00:00:00Z"),
                    preview.table("ERROR_DETAILS").orElseThrow().oldest().truncatedTo(java.time.temporal.ChronoUnit.DAYS));

            PurgeReport purged = retention.purge(3);

            assertTrue(purged.executed());
            for (TablePurge t : preview.tables()) {
                assertEquals(t.rows(), purged.table(t.table()).orElseThrow().rows(), t.table());
            }
            Map<String, Long> after = h.store.tableCounts();
            assertEquals(before.get("ERROR_DETAILS") - preview.table("ERROR_DETAILS").orElseThrow().rows(),
                    after.get("ERROR_DETAILS"));
            assertEquals(before.get("RETRY_ATTEMPTS") - preview.table("RETRY_ATTEMPTS").orElseThrow().rows(),
                    after.get("RETRY_ATTEMPTS"));
            assertEquals(before.get("SYSTEM_HEALTH") - preview.table("SYSTEM_HEALTH").orElseThrow().rows(),
                    after.get("SYSTEM_HEALTH"));
            assertEquals(newer, count(h.store, "SELECT COUNT(*) FROM ERROR_DETAILS WHERE OCCURRED_AT >= ?", CUTOFF));
            assertEquals(0, retention.purge(3).totalRows(), "nothing left to purge");
        }
    }

    @Test
    void quarantinedRecordsAndRecoveryActionsStayWhenTheirErrorsArePurged() {
        try (ReportHistory h = ReportHistory.standard(dir)) {
            long quarantined = count(h.store, "SELECT COUNT(*) FROM QUARANTINED_RECORDS");
            long oldLinked = count(h.store, "SELECT COUNT(*) FROM QUARANTINED_RECORDS q JOIN ERROR_DETAILS e "
                    + "ON e.ERROR_ID = q.ERROR_ID WHERE e.OCCURRED_AT < ?", CUTOFF);
            long actions = count(h.store, "SELECT COUNT(*) FROM RECOVERY_ACTIONS");
            assertTrue(oldLinked > 0);

            Retention.on(h.store).clock(h.reportClock).purge(3);

            assertEquals(quarantined, count(h.store, "SELECT COUNT(*) FROM QUARANTINED_RECORDS"));
            assertEquals(oldLinked, count(h.store, "SELECT COUNT(*) FROM QUARANTINED_RECORDS WHERE ERROR_ID IS NULL"),
                    "their raw records stay, only the link to the purged error goes");
            assertEquals(actions, count(h.store, "SELECT COUNT(*) FROM RECOVERY_ACTIONS"));
        }
    }

    @Test
    void theFailureAnalysisOfEveryPurgedDayIsStoredWithTheCountsTheErrorsGave() {
        try (ReportHistory h = ReportHistory.standard(dir)) {
            // retried failures per day of orders, counted in ERROR_DETAILS before the purge
            long[] retried = new long[6];
            for (int d = 0; d < 6; d++) {
                Instant day = Instant.parse("2026-11-11T00:00:00Z").plus(java.time.Duration.ofDays(d));
                retried[d] = count(h.store, "SELECT COUNT(*) FROM ERROR_DETAILS WHERE PIPELINE = 'orders' AND "
                        + "OCCURRED_AT >= ? AND OCCURRED_AT < ? AND (ATTEMPTS > 1 OR OUTCOME = 'FALLBACK_USED')",
                        day, day.plus(java.time.Duration.ofDays(1)));
            }
            assertTrue(java.util.Arrays.stream(retried).sum() > 0);

            Retention.on(h.store).clock(h.reportClock).purge(3);

            List<AnalysisRow> rows = h.store.withSession(s -> s.attach(AnalysisRepository.class)
                    .rows("orders", AnalysisRow.DAY, Instant.parse("2026-11-11T00:00:00Z"), CUTOFF));
            assertEquals(6, rows.size());
            for (int d = 0; d < 6; d++) assertEquals(retried[d], rows.get(d).retriedFailures(), "day " + d);
            var days = Reports.on(h.store).clock(h.reportClock)
                    .failures(FailureQuery.builder().pipeline("orders").days(10).build()).pipelines().get(0).days();
            for (int d = 0; d < 6; d++) {
                assertEquals(LocalDate.parse("2026-11-11").plusDays(d), days.get(d).day());
                assertEquals(retried[d], days.get(d).retriedFailures(), "reported after the purge, day " + d);
            }
        }
    }

    @Test
    void nothingIsDeletedWhenTheFailureAnalysisCannotBeStored() throws Exception {
        try (ReportHistory h = ReportHistory.standard(dir)) {
            try (Connection c = h.store.openConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TRIGGER REFUSE_ANALYSIS BEFORE INSERT, UPDATE ON FAILURE_ANALYSIS FOR EACH ROW CALL \""
                        + RefuseWrites.class.getName() + "\"");
            }
            Map<String, Long> before = h.store.tableCounts();

            RetentionException e = assertThrows(RetentionException.class,
                    () -> Retention.on(h.store).clock(h.reportClock).purge(3));

            assertTrue(e.getMessage().startsWith("Nothing was purged: the failure analysis of pipeline"), e.getMessage());
            Map<String, Long> after = h.store.tableCounts();
            for (String table : Retention.TABLES) assertEquals(before.get(table), after.get(table), table);
        }
    }

    /** An H2 trigger that refuses every write to its table. */
    public static final class RefuseWrites implements Trigger {
        @Override
        public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
            throw new SQLException("writes refused by the test");
        }
    }
}
