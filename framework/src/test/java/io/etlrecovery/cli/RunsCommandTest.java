package io.etlrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    CliFixture cli;
    Path input;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliFixture(dir);
        input = CliItemsPipeline.writeInput(dir.resolve("items.csv"), 30, 3, 4);
    }

    private CliRun stoppedRun() {
        CliRun r = cli.run("run", "cli-items", "--input", input.toString(), "--batch-size", "10",
                "--error-threshold", "10%", "--error-threshold-after", "10");
        assertEquals(3, r.exitCode(), r::toString);
        return r;
    }

    private CliRun succeededRun() {
        CliRun r = cli.run("run", "cli-items", "--input", input.toString(), "--batch-size", "10");
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    @Test
    void runsListAsJsonParsesBackWithEveryRunNewestFirst() throws Exception {
        stoppedRun();
        cli.run("runs", "abandon", "1", "--reason", "test");
        succeededRun();

        CliRun list = cli.run("runs", "list", "--format", "json");

        assertEquals(0, list.exitCode(), list::toString);
        JsonNode rows = JSON.readTree(list.out());
        assertEquals(2, rows.size(), list::toString);
        assertEquals(2, rows.get(0).get("runId").asLong());
        assertEquals("cli-items", rows.get(0).get("pipeline").asText());
        assertEquals("SUCCEEDED", rows.get(0).get("status").asText());
        assertEquals(30, rows.get(0).get("recordsRead").asLong());
        assertEquals(28, rows.get(0).get("recordsLoaded").asLong());
        assertEquals(2, rows.get(0).get("recordsQuarantined").asLong());
        Instant.parse(rows.get(0).get("startedAt").asText());
        assertEquals(input.toString(), rows.get(0).get("input").asText());
        assertEquals("ABANDONED", rows.get(1).get("status").asText());
        assertTrue(rows.get(1).get("stopReason").asText().startsWith("test; it had stopped: error threshold passed"),
                "the reason given and the cause the run had stopped with: " + rows.get(1).get("stopReason"));
    }

    @Test
    void runsListFiltersByStatusPipelineTimeAndLimit() throws Exception {
        stoppedRun();

        JsonNode stopped = JSON.readTree(cli.run("runs", "list", "--status", "stopped", "--format", "json").out());
        JsonNode succeeded = JSON.readTree(cli.run("runs", "list", "--status", "SUCCEEDED", "--format", "json").out());
        JsonNode other = JSON.readTree(cli.run("runs", "list", "--pipeline", "other", "--format", "json").out());
        JsonNode future = JSON.readTree(cli.run("runs", "list", "--since", "2999-01-01", "--format", "json").out());
        JsonNode lastDay = JSON.readTree(cli.run("runs", "list", "--days", "1", "--format", "json").out());
        CliRun both = cli.run("runs", "list", "--days", "1", "--since", "1h");

        assertEquals(1, stopped.size());
        assertEquals(0, succeeded.size());
        assertEquals(0, other.size());
        assertEquals(0, future.size());
        assertEquals(1, lastDay.size());
        assertEquals(2, both.exitCode(), both::toString);
        assertTrue(both.err().contains("--since and --days exclude each other"), both::toString);
    }

    @Test
    void runsListAsCsvAndAsATable() throws Exception {
        succeededRun();

        CliRun csv = cli.run("runs", "list", "--format", "csv");
        CliRun table = cli.run("runs", "list");

        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.out())).getRecords();
        assertEquals(1, records.size(), csv::toString);
        assertEquals("SUCCEEDED", records.get(0).get("status"));
        assertEquals("2", records.get(0).get("recordsQuarantined"));
        assertTrue(table.out().startsWith("RUN ID  PIPELINE   STATUS     STARTED"), table::toString);
        assertTrue(table.out().lines().skip(1).findFirst().orElseThrow().matches("\\s*1  cli-items  SUCCEEDED .*"),
                table::toString);
    }

    @Test
    void runsShowGivesTheRunItsQuarantineCategoriesAndTheLatestCheckpointOfEachStep() throws Exception {
        stoppedRun();

        CliRun json = cli.run("runs", "show", "1", "--format", "json");
        CliRun table = cli.run("runs", "show", "1");
        CliRun csv = cli.run("runs", "show", "1", "--format", "csv");

        assertEquals(0, json.exitCode(), json::toString);
        JsonNode run = JSON.readTree(json.out()).get(0);
        assertEquals("STOPPED", run.get("status").asText());
        assertEquals(10, run.get("recordsRead").asLong());
        assertEquals(2, run.get("quarantinedByCategory").get("DATA").asLong());
        JsonNode step = run.get("steps").get(0);
        assertEquals("load", step.get("step").asText());
        assertEquals("IN_PROGRESS", step.get("stepStatus").asText());
        assertEquals(10, step.get("recordsProcessed").asLong());
        assertEquals(8, step.get("recordsLoaded").asLong());
        assertEquals(10, step.get("lastRecordNumber").asLong());
        assertTrue(table.out().startsWith("Run 1 of 'cli-items': STOPPED\n"), table::toString);
        assertTrue(table.out().contains("  Quarantined by: DATA 2\n"), table::toString);
        assertTrue(table.out().contains("Checkpoints (the latest of each step"), table::toString);
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("load ") && l.contains("IN_PROGRESS")), table::toString);
        List<CSVRecord> steps = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.out())).getRecords();
        assertEquals("1", steps.get(0).get("runId"));
        assertEquals("load", steps.get(0).get("step"));
    }

    @Test
    void runsShowOfAnUnknownRunSaysHowToFindTheRuns() {
        CliRun run = cli.run("runs", "show", "999");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("There is no run 999 in this store. 'runs list' shows the runs."), run::toString);
    }

    @Test
    void runsResumeFindsThePipelineAndInputOfTheRunAndFinishesIt() throws Exception {
        stoppedRun();

        CliRun resume = cli.run("runs", "resume", "1", "--error-threshold", "10%", "--error-threshold-after", "10");

        assertEquals(0, resume.exitCode(), resume::toString);
        assertTrue(resume.out().contains("Resuming run 1 of 'cli-items'"), resume::toString);
        assertTrue(resume.out().contains("Run 1 of 'cli-items' SUCCEEDED"), resume::toString);
        assertEquals(28, cli.count("SELECT COUNT(*) FROM CLI_ITEMS WHERE RUN_ID = 1"));
        assertEquals(3, cli.count("SELECT BATCHES_COMMITTED FROM PIPELINE_RUNS WHERE RUN_ID = 1"),
                "resumed with the batch size the run started with");
    }

    @Test
    void runWithResumeAlsoKeepsTheBatchSizeTheRunStartedWith() throws Exception {
        stoppedRun();

        CliRun resume = cli.run("run", "cli-items", "--input", input.toString(), "--resume", "--error-threshold", "10%",
                "--error-threshold-after", "10");

        assertEquals(0, resume.exitCode(), resume::toString);
        assertEquals(3, cli.count("SELECT BATCHES_COMMITTED FROM PIPELINE_RUNS WHERE RUN_ID = 1"),
                "30 records in batches of 10, as the run started, not the default 1000");
    }

    @Test
    void runsResumeOfAFinishedRunIsRefused() {
        succeededRun();

        CliRun resume = cli.run("runs", "resume", "1");

        assertEquals(4, resume.exitCode(), resume::toString);
        assertTrue(resume.err().contains("refused: Run 1 of 'cli-items' is SUCCEEDED"), resume::toString);
    }

    @Test
    void runsAbandonMarksTheRunSoThatTheNextRunStartsAfresh() throws Exception {
        stoppedRun();

        CliRun abandon = cli.run("runs", "abandon", "1", "--reason", "wrong file");

        assertEquals(0, abandon.exitCode(), abandon::toString);
        assertTrue(abandon.out().startsWith("Run 1 of 'cli-items' is now ABANDONED"), abandon::toString);
        assertEquals("ABANDONED", cli.string("SELECT STATUS FROM PIPELINE_RUNS WHERE RUN_ID = 1"));
        String reason = cli.string("SELECT STOP_REASON FROM PIPELINE_RUNS WHERE RUN_ID = 1");
        assertTrue(reason.startsWith("wrong file; it had stopped: error threshold passed"), reason);
        CliRun resume = cli.run("runs", "resume", "1");
        assertEquals(4, resume.exitCode(), resume::toString);
        CliRun next = cli.run("run", "cli-items", "--input", input.toString());
        assertTrue(next.out().contains("Starting run 2 of 'cli-items'"), next::toString);
    }

    @Test
    void runsAbandonNeedsAReason() {
        CliRun abandon = cli.run("runs", "abandon", "1");

        assertEquals(2, abandon.exitCode(), abandon::toString);
        assertTrue(abandon.err().contains("--reason"), abandon::toString);
    }

    @Test
    void runsRollbackRemovesWhatTheRunLoadedThroughItsPipeline() throws Exception {
        succeededRun();

        CliRun rollback = cli.run("runs", "rollback", "1");

        assertEquals(0, rollback.exitCode(), rollback::toString);
        assertTrue(rollback.out().contains("Rolled back run 1 of 'cli-items': 28 rows removed"), rollback::toString);
        assertEquals(0, cli.count("SELECT COUNT(*) FROM CLI_ITEMS"));
        assertEquals("ROLLED_BACK", cli.string("SELECT STATUS FROM PIPELINE_RUNS WHERE RUN_ID = 1"));
        assertEquals(2, cli.count("SELECT COUNT(*) FROM QUARANTINED_RECORDS WHERE RUN_ID = 1"), "quarantine kept");
        CliRun again = cli.run("runs", "rollback", "1");
        assertEquals(1, again.exitCode(), again::toString);
        assertTrue(again.err().contains("already rolled back"), again::toString);
    }

    @Test
    void runsWithoutASubcommandIsAUsageErrorNamingThem() {
        CliRun run = cli.run("runs");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("list, show, resume, abandon, rollback"), run::toString);
    }
}
