package io.etlrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbCommandsTest {

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
    }

    private void insertHealthRows(int n) throws Exception {
        try (Store store = Store.open(url()); Connection c = store.openConnection(); Statement st = c.createStatement()) {
            for (int i = 0; i < n; i++) {
                st.executeUpdate("INSERT INTO SYSTEM_HEALTH (HOST, PHASE, TAKEN_AT) VALUES ('h', 'CHECK', CURRENT_TIMESTAMP)");
            }
        }
    }

    private void execute(String sql) throws Exception {
        try (Store store = Store.open(url()); Connection c = store.openConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    @Test
    void dbInfoPrintsTheStoreTheSchemaVersionAndEveryTableWithItsRowCount() throws Exception {
        insertHealthRows(2);

        CliRun run = CliRun.of("--db", url(), "db", "info");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("Store:           " + url() + "\n"), run::toString);
        assertTrue(run.out().contains("Schema version:  4\n"), run::toString);
        assertTrue(run.out().contains("TABLE "), run::toString);
        for (String table : Store.TABLES) {
            String expected = table.equals("SYSTEM_HEALTH") ? "2" : "0";
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith(table + " ") && l.endsWith(" " + expected)),
                    () -> table + " with " + expected + " rows missing in\n" + run);
        }
        assertEquals("", run.err());
    }

    @Test
    void dbInfoAsJsonIsAnArrayOfTableAndRowCountObjectsInTableOrder() throws Exception {
        insertHealthRows(3);

        CliRun run = CliRun.of("--db", url(), "db", "info", "--format", "json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertTrue(json.isArray());
        List<String> tables = new ArrayList<>();
        for (JsonNode row : json) {
            tables.add(row.get("table").asText());
            assertTrue(row.get("rows").isIntegralNumber(), row::toString);
            assertEquals(row.get("table").asText().equals("SYSTEM_HEALTH") ? 3 : 0, row.get("rows").asLong());
        }
        assertEquals(Store.TABLES, tables);
    }

    @Test
    void dbInfoAsCsvHasAHeaderAndOneRecordPerTable() throws Exception {
        CliRun run = CliRun.of("--db", url(), "db", "info", "--format", "CSV");

        assertEquals(0, run.exitCode(), run::toString);
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(run.out())).getRecords();
        assertEquals(Store.TABLES.size(), records.size());
        for (int i = 0; i < records.size(); i++) {
            assertEquals(Store.TABLES.get(i), records.get(i).get("table"));
            assertEquals("0", records.get(i).get("rows"));
        }
    }

    @Test
    void dbMigrateCreatesAMissingStoreAndThenReportsItsVersion() {
        Path dataFile = dir.resolve("store.mv.db");
        assertFalse(Files.exists(dataFile));

        CliRun first = CliRun.of("--db", url(), "db", "migrate");
        CliRun second = CliRun.of("--db", url(), "db", "migrate");

        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(Files.exists(dataFile));
        assertEquals("Created the store " + url() + " at schema version 4.\n", first.out());
        assertEquals(0, second.exitCode(), second::toString);
        assertEquals("Store " + url() + " is at schema version 4.\n", second.out());
    }

    @Test
    void dbVerifyPassesOnAMigratedStore() {
        assertEquals(0, CliRun.of("--db", url(), "db", "migrate").exitCode());

        CliRun run = CliRun.of("--db", url(), "db", "verify");

        assertEquals(0, run.exitCode(), run::toString);
        for (String check : List.of("exists", "reachable", "schema", "migrations", "tables")) {
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith(check + " ") && l.contains(" ok ")),
                    () -> check + " not ok in\n" + run);
        }
        assertTrue(run.out().endsWith("OK: the store " + url() + " is ready.\n"), run::toString);
    }

    @Test
    void dbVerifyOnAMissingStoreFailsWithExit5AndDoesNotCreateIt() {
        CliRun run = CliRun.of("--db", url(), "db", "verify");

        assertEquals(5, run.exitCode(), run::toString);
        assertTrue(run.out().contains("there is no store at " + dir.resolve("store.mv.db").toAbsolutePath()),
                run::toString);
        assertTrue(run.out().contains("etl-recovery db migrate"), run::toString);
        assertTrue(run.out().contains("NOT OK: 1 check failed"), run::toString);
        assertFalse(Files.exists(dir.resolve("store.mv.db")));
    }

    @Test
    void dbVerifyNamesAMissingTable() throws Exception {
        execute("DROP TABLE SYSTEM_HEALTH");

        CliRun run = CliRun.of("--db", url(), "db", "verify");

        assertEquals(5, run.exitCode(), run::toString);
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("tables ") && l.contains("FAILED")
                && l.contains("1 of " + Store.TABLES.size() + " missing: SYSTEM_HEALTH")), run::toString);
    }

    @Test
    void dbVerifyReportsAnOlderSchemaWithoutMigratingIt() throws Exception {
        execute("DELETE FROM \"flyway_schema_history\"");

        CliRun run = CliRun.of("--db", url(), "db", "verify");
        CliRun again = CliRun.of("--db", url(), "db", "verify");

        assertEquals(5, run.exitCode(), run::toString);
        assertTrue(run.out().contains("schema version none, this etl-recovery expects 4; run 'etl-recovery db migrate'"),
                run::toString);
        assertEquals(run.out(), again.out(), "verify must not have changed the store");
    }

    @Test
    void dbVerifyReportsAChangedMigration() throws Exception {
        execute("UPDATE \"flyway_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '1'");

        CliRun run = CliRun.of("--db", url(), "db", "verify");

        assertEquals(5, run.exitCode(), run::toString);
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("migrations ") && l.contains("FAILED")
                && l.contains("checksum")), run::toString);
    }

    @Test
    void theStorePasswordComesFromTheEnvironmentWhenNoOptionGivesIt() {
        String secret = "s3cret-Pw";
        assertEquals(0, CliRun.of("--db", url(), "--db-password", secret, "db", "migrate").exitCode());

        CliRun without = CliRun.of("--db", url(), "db", "info");
        CliRun withEnv = CliRun.with(Map.of(EtlRecoveryCommand.PASSWORD_ENV, secret), cl -> { },
                "--db", url(), "db", "info");

        assertEquals(5, without.exitCode(), without::toString);
        assertTrue(without.err().startsWith("error: The store " + url() + " refused the user name or password"),
                without::toString);
        assertEquals(0, withEnv.exitCode(), withEnv::toString);
        assertFalse((without.out() + without.err() + withEnv.out() + withEnv.err()).contains(secret));
    }

    @Test
    void withoutDbTheDefaultStoreConfigurationIsUsed() {
        EtlRecoveryCommand root = new EtlRecoveryCommand(Map.of());
        EtlRecoveryCommand.commandLine(root).parseArgs("db", "info");

        assertEquals(StoreConfig.defaults(), root.storeConfig());
    }
}
