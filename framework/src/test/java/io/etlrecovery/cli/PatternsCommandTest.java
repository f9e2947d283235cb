package io.etlrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlrecovery.report.PatternEntry;
import io.etlrecovery.report.PatternQuery;
import io.etlrecovery.report.PatternReport;
import io.etlrecovery.report.Reports;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatternsCommandTest {

    @TempDir
    static Path dir;

    static ReportHistory history;
    static Reports reports;

    @BeforeAll
    static void writeHistory() {
        history = ReportHistory.standard(dir);
        reports = Reports.on(history.store).clock(history.reportClock);
    }

    @AfterAll
    static void close() {
        history.close();
    }

    @Test
    void theTableListsTheTopPatternsOfTheLastSevenDaysMostFrequentFirst() {
        CliRun run = history.cli("patterns");

        assertEquals(0, run.exitCode(), run::toString);
        PatternReport expected = reports.patterns(PatternQuery.defaults());
        assertTrue(run.out().startsWith("Top " + expected.patterns().size() + " of " + expected.patternsInWindow()
                + " failure patterns, 2026-11-14 to 2026-11-20 (UTC, 7 days)"), run::toString);
        List<String> lines = run.out().lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("PIPELINE")).findFirst().orElseThrow());
        for (int i = 0; i < expected.patterns().size(); i++) {
            PatternEntry e = expected.patterns().get(i);
            List<String> cells = List.of(lines.get(header + 1 + i).trim().split("\\s{2,}"));
            assertEquals(e.pipeline(), cells.get(0));
            assertEquals(String.valueOf(e.occurrences()), cells.get(1));
            assertEquals(String.valueOf(e.previousOccurrences()), cells.get(2));
            assertEquals(e.trend().name(), cells.get(3));
            assertEquals(String.valueOf(e.runsAffected()), cells.get(4));
        }
    }

    @Test
    void messagesThatDifferOnlyInIdsAreOnePatternAndDifferentCausesAreNot() throws Exception {
        CliRun run = history.cli("patterns", "--pipeline", "orders", "--format", "json", "--days", "10");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode json = new ObjectMapper().readTree(run.out());
        List<JsonNode> bad = stream(json).filter(r -> r.get("exampleMessage").asText().startsWith("value must not be 'bad'"))
                .toList();
        assertEquals(1, bad.size(), "'bad' in record 3, 10, 17, ... is one pattern");
        // every run of the ten days had one to four bad records: the pattern counts them all
        assertTrue(bad.get(0).get("occurrences").asLong() >= 10, bad.get(0)::toString);
        assertEquals("value must not be <str> in record <n>", bad.get(0).get("pattern").asText());
        List<String> categories = stream(json).map(r -> r.get("category").asText()).distinct().sorted().toList();
        assertEquals(List.of("CONFIGURATION", "DATA", "TRANSIENT"), categories, "a timeout, a validation failure and a "
                + "missing privilege are different patterns");
    }

    @Test
    void jsonRowsNameTheirPipelineAndMatchTheJavaApiIncludingHostileMessagesExactly() throws Exception {
        CliRun run = history.cli("patterns", "--format", "json", "--top", "20");

        assertEquals(0, run.exitCode(), run::toString);
        assertFalse(run.out().contains("\u001b"), "escape characters are written as \\u001b");
        JsonNode json = new ObjectMapper().readTree(run.out());
        List<PatternEntry> expected = reports.patterns(new PatternQuery(null, 20, 7)).patterns();
        assertEquals(expected.size(), json.size());
        for (int i = 0; i < expected.size(); i++) {
            PatternEntry e = expected.get(i);
            JsonNode row = json.get(i);
            assertEquals(e.pipeline(), row.get("pipeline").asText());
            assertEquals(e.fingerprint(), row.get("fingerprint").asText());
            assertEquals(e.occurrences(), row.get("occurrences").asLong());
            assertEquals(e.previousOccurrences(), row.get("previousOccurrences").asLong());
            assertEquals(e.trend().name(), row.get("trend").asText());
            assertEquals(e.totalOccurrences(), row.get("totalOccurrences").asLong());
            assertEquals(e.runsAffected(), row.get("runsAffected").asInt());
            assertEquals(e.exampleMessage(), row.get("exampleMessage").asText());
            assertEquals(e.recommendation(), row.get("recommendation").asText());
            assertEquals(e.lastSeen().toString(), row.get("lastSeen").asText());
        }
        assertTrue(stream(json).anyMatch(r -> r.get("exampleMessage").asText().contains(ReportHistory.HOSTILE)),
                "the hostile value parses back exactly");
    }

    @Test
    void hostileMessagesAreShownWithTheirControlCharactersNeutralisedInTheTable() {
        CliRun run = history.cli("patterns", "--top", "20");

        assertEquals(0, run.exitCode(), run::toString);
        assertFalse(run.out().contains("\u001b"), "no raw ESC reaches the terminal");
        assertFalse(run.out().contains("\u0007"), "no raw BEL reaches the terminal");
        assertTrue(run.out().contains("unexpected markup in value x\\x1b[31mRED\\x1b]0;pwned\\x07<script>alert(1)</script>"),
                run::toString);
    }

    @Test
    void csvParsesBackToTheRowsOfTheJavaApi() throws Exception {
        CliRun run = history.cli("patterns", "--format", "csv", "--top", "3", "--days", "3");

        assertEquals(0, run.exitCode(), run::toString);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(run.out())).getRecords();
        List<PatternEntry> expected = reports.patterns(new PatternQuery(null, 3, 3)).patterns();
        assertEquals(3, rows.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(expected.get(i).pipeline(), rows.get(i).get("pipeline"));
            assertEquals(expected.get(i).fingerprint(), rows.get(i).get("fingerprint"));
            assertEquals(expected.get(i).occurrences(), Long.parseLong(rows.get(i).get("occurrences")));
            assertEquals(expected.get(i).trend().name(), rows.get(i).get("trend"));
        }
    }

    @Test
    void outOfRangeTopOrDaysAreUsageErrors() {
        for (String[] args : List.of(new String[] {"--top", "0"}, new String[] {"--days", "0"},
                new String[] {"--days", "3661"}, new String[] {"--top", "many"})) {
            String[] all = new String[args.length + 1];
            all[0] = "patterns";
            System.arraycopy(args, 0, all, 1, args.length);
            CliRun run = history.cli(all);
            assertEquals(2, run.exitCode(), run::toString);
            assertTrue(run.err().contains(args[0]), run::toString);
        }
    }

    @Test
    void helpNamesTheDefaults() {
        CliRun run = history.cli("patterns", "--help");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("--top"), run::toString);
        assertTrue(run.out().contains("(default: 10;"), run::toString);
        assertTrue(run.out().contains("(default: 7;"), run::toString);
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
