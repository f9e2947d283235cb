package io.etlrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlrecovery.report.DayFailures;
import io.etlrecovery.report.FailureQuery;
import io.etlrecovery.report.FailureReport;
import io.etlrecovery.report.PipelineFailures;
import io.etlrecovery.report.Reports;
import io.etlrecovery.report.RunFailures;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailuresCommandTest {

    private static final double EPS = 1e-9;

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

    private static PipelineFailures orders(FailureReport r) {
        return r.pipelines().stream().filter(p -> p.pipeline().equals("orders")).findFirst().orElseThrow();
    }

    @Test
    void theHistorysIncidentsGiveTheMeanTimeFromAFailedRunToTheNextSuccessfulOne() {
        PipelineFailures orders = orders(reports.failures(FailureQuery.defaults()));
        // six days ago a run failed and the next day's run succeeded (a day); three days ago a run failed and was
        // resumed successfully three hours later
        assertEquals(2, orders.incidents());
        assertEquals(0, orders.unresolvedIncidents());
        assertNotNull(orders.mttr());
        Duration expected = Duration.ofHours(27).dividedBy(2);
        assertTrue(orders.mttr().minus(expected).abs().compareTo(Duration.ofMinutes(1)) < 0, orders.mttr()::toString);
        assertEquals(1.0, orders.recoverySuccessRate(), EPS, "every read timeout was recovered by a retry");
    }

    @Test
    void theTableShowsOneRowPerPipelineAndTheStopCauses() {
        CliRun run = history.cli("failures");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("Failure analysis per pipeline, 2026-10-22 to 2026-11-20 (UTC, 30 days"), run::toString);
        PipelineFailures orders = orders(reports.failures(FailureQuery.defaults()));
        String line = run.out().lines().filter(l -> l.startsWith("orders ")).findFirst().orElseThrow();
        List<String> cells = List.of(line.trim().split("\\s{2,}"));
        assertEquals(String.valueOf(orders.runs()), cells.get(1));
        assertEquals(String.valueOf(orders.failedRuns()), cells.get(2));
        assertEquals("10%", cells.get(3));
        assertEquals(orders.trend().name(), cells.get(7));
        assertEquals(io.etlrecovery.internal.Fmt.duration(orders.mttr()), cells.get(10), "MTTR for people");
        assertEquals("100%", cells.get(11));
        assertTrue(run.out().contains("Stop causes of orders:"), run::toString);
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("customers ")), run::toString);
    }

    @Test
    void jsonPerPipelineCarriesTheNumbersOfTheJavaApi() throws Exception {
        CliRun run = history.cli("failures", "--format", "json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode json = new ObjectMapper().readTree(run.out());
        FailureReport expected = reports.failures(FailureQuery.defaults());
        assertEquals(expected.pipelines().size(), json.size());
        for (int i = 0; i < json.size(); i++) {
            PipelineFailures p = expected.pipelines().get(i);
            JsonNode row = json.get(i);
            assertEquals(p.pipeline(), row.get("pipeline").asText());
            assertEquals(p.runs(), row.get("runs").asLong());
            assertEquals(p.failedRuns(), row.get("failedRuns").asLong());
            assertEquals(p.failureRate(), row.get("failureRate").asDouble(), EPS);
            assertEquals(p.records(), row.get("records").asLong());
            assertEquals(p.failedRecords(), row.get("failedRecords").asLong());
            assertEquals(p.recordFailureRate(), row.get("recordFailureRate").asDouble(), EPS);
            assertEquals(p.trend().name(), row.get("trend").asText());
            assertEquals(p.incidents(), row.get("incidents").asLong());
            assertEquals(p.mttr() == null ? null : p.mttr().getSeconds(),
                    row.get("mttrSeconds").isNull() ? null : row.get("mttrSeconds").asLong());
            assertEquals(p.retriedFailures(), row.get("retriedFailures").asLong());
            assertEquals(p.recoveredFailures(), row.get("recoveredFailures").asLong());
            if (p.recoverySuccessRate() == null) {
                assertTrue(row.get("recoverySuccessRate").isNull());
            } else {
                assertEquals(p.recoverySuccessRate(), row.get("recoverySuccessRate").asDouble(), EPS);
            }
        }
    }

    @Test
    void byDayGivesOneRowPerPipelineAndDayWithTheApisCounts() throws Exception {
        CliRun run = history.cli("failures", "--by", "day", "--days", "10", "--format", "json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode json = new ObjectMapper().readTree(run.out());
        List<DayFailures> expected = reports.failures(FailureQuery.builder().days(10).build()).pipelines().stream()
                .flatMap(p -> p.days().stream()).toList();
        assertEquals(20, expected.size(), "two pipelines, ten days");
        assertEquals(expected.size(), json.size());
        for (int i = 0; i < expected.size(); i++) {
            DayFailures d = expected.get(i);
            JsonNode row = json.get(i);
            assertEquals(d.pipeline(), row.get("pipeline").asText());
            assertEquals(d.day().toString(), row.get("day").asText());
            assertEquals(d.runs(), row.get("runs").asLong());
            assertEquals(d.failedRuns(), row.get("failedRuns").asLong());
            assertEquals(d.records(), row.get("records").asLong());
            assertEquals(d.failedRecords(), row.get("failedRecords").asLong());
            assertEquals(d.retriedFailures(), row.get("retriedFailures").asLong());
            assertEquals(d.recoveredFailures(), row.get("recoveredFailures").asLong());
        }
        assertTrue(expected.stream().anyMatch(d -> d.failedRuns() > 0), "the history has a failed day");
    }

    @Test
    void byRunCsvListsTheNewestRunsPerPipeline() throws Exception {
        CliRun run = history.cli("failures", "--by", "run", "--limit", "3", "--pipeline", "orders", "--format", "csv");

        assertEquals(0, run.exitCode(), run::toString);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(run.out())).getRecords();
        List<RunFailures> expected = reports.failures(FailureQuery.builder().pipeline("orders").maxRuns(3).build())
                .pipelines().get(0).recentRuns();
        assertEquals(3, rows.size());
        for (int i = 0; i < 3; i++) {
            assertEquals("orders", rows.get(i).get("pipeline"));
            assertEquals(expected.get(i).runId(), Long.parseLong(rows.get(i).get("runId")));
            assertEquals(expected.get(i).status(), rows.get(i).get("status"));
            assertEquals(expected.get(i).recordsQuarantined(), Long.parseLong(rows.get(i).get("recordsQuarantined")));
        }
    }

    @Test
    void anUnknownRowKindOrPeriodIsAUsageError() {
        CliRun by = history.cli("failures", "--by", "week");
        assertEquals(2, by.exitCode(), by::toString);
        assertTrue(by.err().contains("--by"), by::toString);
        CliRun days = history.cli("failures", "--days", "-1");
        assertEquals(2, days.exitCode(), days::toString);
    }

    @Test
    void helpExplainsMttr() {
        CliRun run = history.cli("failures", "--help");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("mean time to") && run.out().contains("--by"), run::toString);
    }
}
