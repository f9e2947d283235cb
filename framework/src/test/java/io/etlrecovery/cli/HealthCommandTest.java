package io.etlrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlrecovery.health.HealthItem;
import io.etlrecovery.health.HealthReport;
import io.etlrecovery.health.PreRunChecks;
import io.etlrecovery.health.Resources;
import io.etlrecovery.report.Reports;
import io.etlrecovery.runner.RunResult;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthCommandTest {

    @TempDir
    static Path dir;

    static ReportHistory history;

    @BeforeAll
    static void writeHistory() {
        history = ReportHistory.standard(dir);
    }

    @AfterAll
    static void close() {
        history.close();
    }

    @Test
    void theCheckListsEveryItemWithItsStatusAndExitsZeroWhenNothingFailed() {
        CliRun run = history.cli("health");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("Health at 2026-11-20 10:37:00 UTC: OK\n"), run::toString);
        assertTrue(run.out().contains("Schema version:  4\n"), run::toString);
        for (String item : List.of("store", "schema", "disk", "memory", "heap", "file descriptors", "cpu")) {
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith(item + " ") && l.contains(" OK ")),
                    () -> item + " missing in\n" + run);
        }
        assertTrue(run.out().contains("40 GiB free of 100 GiB"), run::toString);
    }

    @Test
    void jsonHasTheItemsOfTheJavaApi() throws Exception {
        CliRun run = history.cli("health", "--format", "json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode json = new ObjectMapper().readTree(run.out());
        HealthReport expected = Reports.on(history.store).clock(history.reportClock).healthLimits(ReportHistory.limits())
                .health();
        assertEquals(expected.items().size(), json.size());
        for (int i = 0; i < json.size(); i++) {
            HealthItem item = expected.items().get(i);
            assertEquals(item.name(), json.get(i).get("check").asText());
            assertEquals(item.status().name(), json.get(i).get("status").asText());
            assertEquals(item.detail(), json.get(i).get("detail").asText());
        }
    }

    @Test
    void lowDiskOnTheStoresVolumeFailsTheCheckWithExitCodeOne() {
        long gib = 1L << 30;
        PreRunChecks lowDisk = PreRunChecks.builder()
                .probe(v -> new Resources(0.2, 6 * gib, 16 * gib, 100L << 20, 100 * gib, 300L << 20, 2 * gib, 85L, 65536L))
                .build();
        CliRun run = CliRun.with(java.util.Map.of(), cl -> {
            ReportHistory.withClock(history.reportClock).accept(cl);
            ((HealthCommand) cl.getSubcommands().get("health").getCommand()).limits = lowDisk;
        }, "--db", history.url, "health");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("Health at 2026-11-20 10:37:00 UTC: FAILED"), run::toString);
        String disk = run.out().lines().filter(l -> l.startsWith("disk ")).findFirst().orElseThrow();
        assertTrue(disk.contains(" FAILED ") && disk.contains("100 MiB free"), disk);
    }

    @Test
    void historyListsTheSnapshotsOfAPipelinesRunsNewestFirst() throws Exception {
        CliRun run = history.cli("health", "--pipeline", "customers", "--days", "3", "--format", "json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode json = new ObjectMapper().readTree(run.out());
        Instant since = ReportHistory.NOW.minus(Duration.ofDays(3));
        List<RunResult> runs = history.results.stream().filter(r -> r.pipeline().equals("customers")).toList();
        // each run of the last three days left a RUN_START and a RUN_END snapshot
        long recent = history.store.withSession(s -> runs.stream()
                .filter(r -> s.runs().find(r.runId()).orElseThrow().startedAt().isAfter(since)).count());
        assertEquals(2 * recent, json.size(), run::toString);
        Instant previous = Instant.MAX;
        for (JsonNode row : json) {
            assertEquals("customers", row.get("pipeline").asText());
            Instant taken = Instant.parse(row.get("takenAt").asText());
            assertTrue(!taken.isAfter(previous) && !taken.isBefore(since), row::toString);
            previous = taken;
            assertEquals(40L << 30, row.get("diskFreeBytes").asLong());
        }
    }

    @Test
    void historyAsCsvParses() throws Exception {
        CliRun run = history.cli("health", "--history", "--days", "30", "--limit", "5", "--format", "csv");

        assertEquals(0, run.exitCode(), run::toString);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(run.out())).getRecords();
        assertEquals(5, rows.size());
        assertEquals(HealthCommand.HISTORY_COLUMNS, rows.get(0).getParser().getHeaderNames());
        for (CSVRecord r : rows) assertTrue(List.of("RUN_START", "RUN_END", "CHECK").contains(r.get("phase")), r::toString);
    }

    @Test
    void anUnknownPipelineIsAUsageError() {
        CliRun run = history.cli("health", "--pipeline", "nope");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("No pipeline named 'nope'"), run::toString);
    }
}
