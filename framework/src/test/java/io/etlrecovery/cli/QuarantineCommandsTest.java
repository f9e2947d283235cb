package io.etlrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlrecovery.pipeline.Pipelines;
import io.etlrecovery.quarantine.QuarantineFixture;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.store.Store;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    final QuarantineFixture fixture = new QuarantineFixture();
    long runId;
    Path input;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
    }

    /** A run of "people" over four rows: two loaded, two quarantined (bob: negative amount, carol: a field too many). */
    @BeforeEach
    void loadWithTwoQuarantinedRecords() throws Exception {
        input = QuarantineFixture.csv(dir.resolve("people.csv"), "1,alice,1.00", "2,bob,-2.00", "3,carol,3.00,X", "4,dan,4.00");
        try (Store store = Store.open(url())) {
            RunResult r = PipelineRunner.on(store).run(fixture.pipeline(input));
            assertEquals(2, r.recordsQuarantined());
            runId = r.runId();
        }
    }

    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of("--db", url()));
        all.addAll(List.of(args));
        return CliRun.with(Map.of(), cl -> {
            QuarantineReprocessCommand reprocess = cl.getSubcommands().get("quarantine").getSubcommands()
                    .get("reprocess").getCommand();
            reprocess.pipelines = Pipelines.of(fixture.provider());
        }, all.toArray(String[]::new));
    }

    private List<Long> ids() throws Exception {
        CliRun run = cli("quarantine", "list", "--format", "json");
        List<Long> ids = new ArrayList<>();
        for (JsonNode n : JSON.readTree(run.out())) ids.add(n.get("id").asLong());
        return ids;
    }

    @Test
    void listPrintsATableWithOneLinePerRecord() {
        CliRun run = cli("quarantine", "list", "--pipeline", "people");

        assertEquals(0, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertEquals(3, lines.size(), run::toString);
        assertTrue(lines.get(0).startsWith("ID  PIPELINE  RUN  STEP"), lines.get(0));
        assertTrue(lines.get(1).contains("people") && lines.get(1).contains("QUARANTINED")
                && lines.get(1).contains("amount -2.00 is negative"), lines.get(1));
        assertTrue(lines.get(2).contains("expected 3 fields, got 4"), lines.get(2));
    }

    @Test
    void listAsJsonParsesBackWithEachRowNamingItsPipeline() throws Exception {
        CliRun run = cli("quarantine", "list", "--format", "json", "--run", String.valueOf(runId), "--limit", "1");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode rows = JSON.readTree(run.out());
        assertEquals(1, rows.size());
        JsonNode row = rows.get(0);
        assertEquals("people", row.get("pipeline").asText());
        assertEquals(runId, row.get("run").asLong());
        assertEquals(2, row.get("record").asLong());
        assertEquals(3, row.get("line").asLong());
        assertEquals("QUARANTINED", row.get("status").asText());
        assertEquals(1, row.get("attempts").asInt());
        assertEquals("DATA", row.get("category").asText());
    }

    @Test
    void listFiltersByStatusAndWritesCsv() throws Exception {
        CliRun run = cli("quarantine", "list", "--status", "discarded", "--format", "csv");

        assertEquals(0, run.exitCode(), run::toString);
        List<CSVRecord> records = CSVFormat.DEFAULT.parse(new StringReader(run.out())).getRecords();
        assertEquals(1, records.size(), "the header only: nothing is discarded");
        assertEquals("id", records.get(0).get(0));
    }

    @Test
    void showPrintsARecordsRawTextAndFields() throws Exception {
        long carol = ids().get(1);

        CliRun run = cli("quarantine", "show", String.valueOf(carol));

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("Quarantined record " + carol + " (QUARANTINED, 1 attempt)"), run::toString);
        assertTrue(run.out().contains("  raw:" + " ".repeat(17) + "3,carol,3.00,X\n"), run::toString);
        assertTrue(run.out().contains("    _extra_1  X\n"), run::toString);
        assertTrue(run.out().contains("  position:" + " ".repeat(12) + "record 3, line 4, batch 1\n"), run::toString);
    }

    @Test
    void showAsJsonHasTheFieldsAsAnObject() throws Exception {
        CliRun run = cli("quarantine", "show", "--pipeline", "people", "--format", "json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode rows = JSON.readTree(run.out());
        assertEquals(2, rows.size());
        assertEquals("bob", rows.get(0).get("fields").get("name").asText());
        assertEquals("-2.00", rows.get(0).get("fields").get("amount").asText());
        assertEquals("2,bob,-2.00", rows.get(0).get("raw").asText());
        assertEquals("people", rows.get(1).get("pipeline").asText());
    }

    @Test
    void showOfAnUnknownIdFailsNamingIt() {
        CliRun run = cli("quarantine", "show", "4711");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("There is no quarantined record with id 4711"), run::toString);
    }

    @Test
    void exportThenEditThenReprocessFromTheFileLoadsTheFixedRecord() throws Exception {
        Path export = dir.resolve("fix.csv");

        CliRun exported = cli("quarantine", "export", "--pipeline", "people", "--out", export.toString());

        assertEquals(0, exported.exitCode(), exported::toString);
        assertTrue(exported.out().startsWith("Exported 2 quarantined records of 'people' to " + export.toAbsolutePath()),
                exported::toString);
        String csv = Files.readString(export, StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("quarantine_id,id,name,amount,_extra_1,error_category,error_message\r\n"), csv);
        Files.writeString(export, csv.replace(",'-2.00,", ",2.00,"), StandardCharsets.UTF_8);

        // no --input: the run's recorded input file builds the pipeline
        CliRun reprocessed = cli("quarantine", "reprocess", "--pipeline", "people", "--from", export.toString());

        assertEquals(0, reprocessed.exitCode(), reprocessed::toString);
        assertEquals("Reprocessed 2 records of 'people' in run " + (runId + 1) + ": 1 loaded, 1 still quarantined.",
                reprocessed.out().lines().findFirst().orElseThrow(), reprocessed::toString);
        JsonNode rows = JSON.readTree(cli("quarantine", "list", "--format", "json").out());
        assertEquals("REPROCESSED", rows.get(0).get("status").asText());
        assertEquals("QUARANTINED", rows.get(1).get("status").asText());
        assertEquals(2, rows.get(1).get("attempts").asInt());
    }

    @Test
    void reprocessWithNothingQuarantinedSaysSoAndSucceeds() {
        CliRun run = cli("quarantine", "reprocess", "--pipeline", "people", "--run", "4711", "--input", input.toString());

        assertEquals(1, run.exitCode(), "run 4711 does not exist: " + run);
        assertTrue(run.err().contains("There is no run 4711"), run::toString);

        CliRun discard = cli("quarantine", "discard", "--pipeline", "people", "--reason", "test");
        assertEquals(0, discard.exitCode(), discard::toString);
        CliRun none = cli("quarantine", "reprocess", "--pipeline", "people");
        assertEquals(0, none.exitCode(), none::toString);
        assertEquals("Nothing to reprocess: no QUARANTINED record of 'people'.\n", none.out());
    }

    @Test
    void reprocessOfAnUnknownPipelineIsAUsageError() {
        CliRun run = cli("quarantine", "reprocess", "--pipeline", "nope");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("There is no pipeline named 'nope'"), run::toString);
    }

    @Test
    void discardByIdNeedsAReasonAndMarksTheRecordDiscarded() throws Exception {
        long bob = ids().get(0);

        CliRun noReason = cli("quarantine", "discard", "--id", String.valueOf(bob));
        CliRun blankReason = cli("quarantine", "discard", "--id", String.valueOf(bob), "--reason", " ");
        CliRun both = cli("quarantine", "discard", "--id", String.valueOf(bob), "--pipeline", "people", "--reason", "x");
        CliRun ok = cli("quarantine", "discard", "--id", String.valueOf(bob), "--reason", "customer refunded");

        assertEquals(2, noReason.exitCode(), noReason::toString);
        assertTrue(noReason.err().contains("--reason"), noReason::toString);
        assertEquals(2, blankReason.exitCode(), blankReason::toString);
        assertEquals(2, both.exitCode(), both::toString);
        assertEquals(0, ok.exitCode(), ok::toString);
        assertEquals("Discarded 1 record.\n", ok.out());
        JsonNode shown = JSON.readTree(cli("quarantine", "show", String.valueOf(bob), "--format", "json").out()).get(0);
        assertEquals("DISCARDED", shown.get("status").asText());
        assertEquals("customer refunded", shown.get("discardReason").asText());
    }

    @Test
    void everyQuarantineCommandHasHelp() {
        for (String cmd : new String[] {"list", "show", "export", "reprocess", "discard"}) {
            CliRun run = cli("quarantine", cmd, "--help");
            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.out().contains("Usage: etl-recovery quarantine " + cmd), run::toString);
        }
        CliRun parent = cli("quarantine");
        assertEquals(2, parent.exitCode(), parent::toString);
        assertTrue(parent.err().contains("list, show, export, reprocess, discard"), parent::toString);
    }
}
