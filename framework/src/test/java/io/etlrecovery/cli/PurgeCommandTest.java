package io.etlrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PurgeCommandTest {

    /** Before 2026-11-17 00:00 UTC: three days before {@link ReportHistory#NOW}'s day. */
    static final Instant CUTOFF = Instant.parse("2026-11-17T00:00:00Z");

    static final String ERRORS_BEFORE = "SELECT COUNT(*) FROM ERROR_DETAILS WHERE OCCURRED_AT < ?";
    static final String ERRORS_AFTER = "SELECT COUNT(*) FROM ERROR_DETAILS WHERE OCCURRED_AT >= ?";
    static final String ATTEMPTS_BEFORE = "SELECT COUNT(*) FROM RETRY_ATTEMPTS WHERE ATTEMPTED_AT < ? OR ERROR_ID IN "
            + "(SELECT ERROR_ID FROM ERROR_DETAILS WHERE OCCURRED_AT < ?)";
    static final String HEALTH_BEFORE = "SELECT COUNT(*) FROM SYSTEM_HEALTH WHERE TAKEN_AT < ?";

    @TempDir
    Path dir;

    static long count(Store store, String sql) {
        return store.withSession(s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(sql)) {
                for (int i = 1; i <= ps.getParameterMetaData().getParameterCount(); i++) {
                    ps.setTimestamp(i, Timestamp.from(CUTOFF));
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
    void aDryRunPrintsPerTableWhatWouldGoAndRemovesNothing() throws Exception {
        try (ReportHistory h = ReportHistory.standard(dir.resolve("a"))) {
            Map<String, Long> before = h.store.tableCounts();
            long errors = count(h.store, ERRORS_BEFORE);
            long attempts = count(h.store, ATTEMPTS_BEFORE);
            long health = count(h.store, HEALTH_BEFORE);
            assertTrue(errors > 0 && attempts > 0 && health > 0, "the history has old rows of every kind");

            CliRun table = h.cli("purge", "--older-than-days", "3");
            CliRun json = h.cli("purge", "--older-than-days", "3d", "--format", "json");

            assertEquals(0, table.exitCode(), table::toString);
            assertTrue(table.out().startsWith("Dry run, nothing removed. Rows older than 3 days (before "
                    + "2026-11-17 00:00:00 UTC)"), table::toString);
            assertTrue(table.out().lines().anyMatch(l -> l.matches("ERROR_DETAILS +" + errors + " +2026-11-11 .*")), table::toString);
            assertTrue(table.out().lines().anyMatch(l -> l.matches("RETRY_ATTEMPTS +" + attempts + " .*")), table::toString);
            assertTrue(table.out().lines().anyMatch(l -> l.matches("SYSTEM_HEALTH +" + health + " .*")), table::toString);
            assertTrue(table.out().contains("Run again with --execute"), table::toString);
            JsonNode rows = new ObjectMapper().readTree(json.out());
            assertEquals(List.of(attempts, errors, health), List.of(rows.get(0).get("rows").asLong(),
                    rows.get(1).get("rows").asLong(), rows.get(2).get("rows").asLong()));
            assertEquals(CUTOFF.toString(), rows.get(0).get("cutoff").asText());
            assertTrue(!rows.get(0).get("executed").asBoolean());
            assertEquals(before, h.store.tableCounts(), "a dry run changes nothing");
        }
    }

    @Test
    void executeRemovesTheOldRowsAndEveryReportKeepsItsNumbers() throws Exception {
        try (ReportHistory h = ReportHistory.standard(dir.resolve("a"))) {
            // Given an identical copy of the store that is never purged
            Path dump = dir.resolve("dump.sql");
            h.store.useTransaction(s -> {
                try (Statement st = s.connection().createStatement()) {
                    st.execute("SCRIPT TO '" + dump.toAbsolutePath() + "'");
                }
            });
            String copyUrl = "jdbc:h2:file:" + dir.resolve("b/store").toAbsolutePath();
            try (Connection c = DriverManager.getConnection(copyUrl, "sa", ""); Statement st = c.createStatement()) {
                st.execute("RUNSCRIPT FROM '" + dump.toAbsolutePath() + "'");
            }
            long errors = count(h.store, ERRORS_BEFORE);
            long attempts = count(h.store, ATTEMPTS_BEFORE);
            long health = count(h.store, HEALTH_BEFORE);
            long newer = count(h.store, ERRORS_AFTER);
            Map<String, Long> before = h.store.tableCounts();

            // When the store is purged (no report ran before: the purge secures the aggregates itself)
            CliRun purge = h.cli("purge", "--older-than-days", "3", "--execute");

            // Then it says what it removed, and removed exactly that
            assertEquals(0, purge.exitCode(), purge::toString);
            assertTrue(purge.out().startsWith("Removed " + (errors + attempts + health) + " rows older than 3 days"),
                    purge::toString);
            assertTrue(purge.out().lines().anyMatch(l -> l.matches("ERROR_DETAILS +" + errors + " .*")), purge::toString);
            assertEquals(0, count(h.store, ERRORS_BEFORE));
            assertEquals(0, count(h.store, ATTEMPTS_BEFORE));
            assertEquals(0, count(h.store, HEALTH_BEFORE));
            assertEquals(newer, count(h.store, ERRORS_AFTER), "newer errors stay");
            Map<String, Long> after = h.store.tableCounts();
            for (String kept : List.of("ERROR_PATTERNS", "ERROR_PATTERN_DAYS", "QUARANTINED_RECORDS", "PIPELINE_RUNS",
                    "CHECKPOINTS", "RECOVERY_ACTIONS")) {
                assertEquals(before.get(kept), after.get(kept), kept);
            }

            // and the reports of the purged store equal those of the untouched copy
            try (Store copy = Store.open(StoreConfig.of(copyUrl))) {
                String[][] reports = {
                    {"budget", "--format", "json"},
                    {"patterns", "--format", "json", "--days", "10", "--top", "100"},
                    {"failures", "--format", "json"},
                    {"failures", "--format", "json", "--by", "day", "--days", "12"},
                    {"failures", "--format", "json", "--by", "run"},
                };
                for (String[] args : reports) {
                    CliRun purged = h.cli(args);
                    CliRun untouched = cli(copyUrl, h, args);
                    assertEquals(0, purged.exitCode(), purged::toString);
                    assertEquals(untouched.out(), purged.out(), String.join(" ", args));
                }
                // the purged days did have retried failures, so the equality above is not trivially true
                JsonNode days = new ObjectMapper().readTree(h.cli("failures", "--format", "json", "--by", "day",
                        "--days", "12", "--pipeline", "orders").out());
                long oldRetried = 0;
                for (JsonNode d : days) {
                    if (Instant.parse(d.get("day").asText() + "T00:00:00Z").isBefore(CUTOFF)) {
                        oldRetried += d.get("retriedFailures").asLong();
                    }
                }
                assertTrue(oldRetried > 0, "retried failures of purged days are still reported");
                assertTrue(copy.tableCounts().get("ERROR_DETAILS") > after.get("ERROR_DETAILS"));
            }

            // A second purge finds nothing left to remove
            CliRun again = h.cli("purge", "--older-than-days", "3", "--execute", "--format", "json");
            JsonNode rows = new ObjectMapper().readTree(again.out());
            for (JsonNode r : rows) assertEquals(0, r.get("rows").asLong(), r::toString);
        }
    }

    private static CliRun cli(String url, ReportHistory h, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--db";
        all[1] = url;
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.with(Map.of(), ReportHistory.withClock(h.reportClock), all);
    }

    @Test
    void theAgeIsRequiredAndAtLeastOneDay() throws Exception {
        try (ReportHistory h = ReportHistory.empty(dir)) {
            CliRun missing = h.cli("purge");
            assertEquals(2, missing.exitCode(), missing::toString);
            assertTrue(missing.err().contains("--older-than-days"), missing::toString);
            CliRun zero = h.cli("purge", "--older-than-days", "0", "--execute");
            assertEquals(2, zero.exitCode(), zero::toString);
            assertTrue(zero.err().contains("must be 1 to"), zero::toString);
            CliRun help = h.cli("purge", "--help");
            assertEquals(0, help.exitCode());
            assertTrue(help.out().contains("A dry run by default"), help::toString);
        }
    }
}
