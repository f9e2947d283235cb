package io.etlrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlrecovery.report.BudgetReport;
import io.etlrecovery.report.BurnAlert;
import io.etlrecovery.report.BurnRate;
import io.etlrecovery.report.Reports;
import io.etlrecovery.report.SloBudget;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetCommandTest {

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

    @Test
    void theTableShowsBothBudgetsOfEveryPipelineWithStatusBurnRatesAndTheAlertsThatFire() {
        CliRun run = history.cli("budget");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err());
        assertTrue(run.out().startsWith("Error budgets at 2026-11-20 10:37:00 UTC, every pipeline"), run::toString);
        for (BudgetReport b : reports.budgets()) {
            for (SloBudget budget : List.of(b.records(), b.runs())) {
                String sli = budget.sli().name().toLowerCase(Locale.ROOT);
                String line = run.out().lines().filter(l -> l.startsWith(b.pipeline() + " ") && l.contains(" " + sli + " "))
                        .findFirst().orElseThrow(() -> new AssertionError(b.pipeline() + " " + sli + " missing in\n" + run));
                List<String> cells = List.of(line.trim().split("\\s{2,}"));
                assertEquals(budget.status().name(), cells.get(2), line);
                assertEquals(String.valueOf(budget.total()), cells.get(5), line);
                assertEquals(String.valueOf(budget.failed()), cells.get(6), line);
                assertEquals(io.etlrecovery.internal.Fmt.percent(budget.consumed()), cells.get(8), line);
            }
        }
        List<BurnAlert> alerts = reports.budgets().stream().flatMap(b -> b.alerts().stream()).toList();
        assertFalse(alerts.isEmpty(), "the history makes alerts fire");
        for (BurnAlert a : alerts) {
            assertTrue(run.out().contains("  " + a.severity() + "  " + a.message()), () -> a.message() + " missing in\n" + run);
        }
    }

    @Test
    void jsonRowsNameTheirPipelineAndCarryTheNumbersOfTheJavaApi() throws Exception {
        CliRun run = history.cli("budget", "--format", "json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode json = new ObjectMapper().readTree(run.out());
        List<BudgetReport> expected = reports.budgets();
        assertEquals(2 * expected.size(), json.size());
        int i = 0;
        for (BudgetReport b : expected) {
            for (SloBudget budget : List.of(b.records(), b.runs())) {
                JsonNode row = json.get(i++);
                assertEquals(b.pipeline(), row.get("pipeline").asText());
                assertEquals(budget.sli().name().toLowerCase(Locale.ROOT), row.get("sli").asText());
                assertEquals(budget.status().name(), row.get("status").asText());
                assertEquals(budget.slo(), row.get("slo").asDouble(), EPS);
                assertEquals(30, row.get("windowDays").asInt());
                assertEquals(budget.total(), row.get("total").asLong());
                assertEquals(budget.failed(), row.get("failed").asLong());
                assertEquals(budget.allowed(), row.get("allowed").asDouble(), EPS);
                assertEquals(budget.consumed(), row.get("consumed").asDouble(), EPS);
                assertEquals(budget.remaining(), row.get("remaining").asDouble(), EPS);
                assertEquals(burn(budget, Duration.ofHours(1)), row.get("burnRate1h").asDouble(), EPS);
                assertEquals(burn(budget, Duration.ofHours(6)), row.get("burnRate6h").asDouble(), EPS);
                assertEquals(burn(budget, Duration.ofHours(24)), row.get("burnRate24h").asDouble(), EPS);
                assertEquals(burn(budget, Duration.ofDays(30)), row.get("burnRateWindow").asDouble(), EPS);
                long alerts = b.alerts().stream().filter(a -> a.sli() == budget.sli()).count();
                assertEquals(alerts, row.get("alerts").asText().isEmpty() ? 0 : row.get("alerts").asText().split(";").length);
                assertTrue(row.get("defaultPolicy").asBoolean());
                assertEquals("2026-11-20T10:37:00Z", row.get("generatedAt").asText());
            }
        }
    }

    @Test
    void csvParsesBackToTheSameNumbers() throws Exception {
        CliRun run = history.cli("budget", "--format", "csv", "--pipeline", "orders");

        assertEquals(0, run.exitCode(), run::toString);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(run.out())).getRecords();
        BudgetReport b = reports.budget("orders");
        assertEquals(2, rows.size());
        assertEquals(BudgetCommand.COLUMNS, rows.get(0).getParser().getHeaderNames());
        for (int i = 0; i < 2; i++) {
            SloBudget budget = i == 0 ? b.records() : b.runs();
            CSVRecord r = rows.get(i);
            assertEquals("orders", r.get("pipeline"));
            assertEquals(budget.total(), Long.parseLong(r.get("total")));
            assertEquals(budget.failed(), Long.parseLong(r.get("failed")));
            assertEquals(budget.remaining(), Double.parseDouble(r.get("remaining")), EPS);
            assertEquals(burn(budget, Duration.ofHours(6)), Double.parseDouble(r.get("burnRate6h")), EPS);
        }
    }

    @Test
    void theWindowOptionComputesTheBudgetsOverThatManyDays() throws Exception {
        CliRun run = history.cli("budget", "--format", "json", "--pipeline", "orders", "--window", "3d");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode records = new ObjectMapper().readTree(run.out()).get(0);
        // the API's 3-day burn rate (the TICKET rule's long window) counts the same span
        BurnRate threeDays = reports.budget("orders").records().burnRate(Duration.ofDays(3)).orElseThrow();
        assertEquals(3, records.get("windowDays").asInt());
        assertEquals(threeDays.total(), records.get("total").asLong());
        assertEquals(threeDays.failed(), records.get("failed").asLong());
        assertEquals(threeDays.burnRate(), records.get("burnRateWindow").asDouble(), EPS);
        assertEquals("2026-11-17T10:37:00Z", records.get("windowStart").asText());
        assertTrue(threeDays.total() < reports.budget("orders").records().total(), "a shorter window counts fewer records");
        // and the Java API's what-if window gives the same budget, leaving the stored policy as it was
        BudgetReport api = reports.budget("orders", Duration.ofDays(3));
        assertEquals(3, api.policy().windowDays());
        assertEquals(threeDays.total(), api.records().total());
        assertEquals(threeDays.failed(), api.records().failed());
        assertEquals(30, reports.policy("orders").windowDays());
    }

    @Test
    void everyBudgetOfOneReportEndsAtTheSameInstant() throws Exception {
        CliRun run = history.cli(new CliFixture.TickingClock(Duration.ofMinutes(1)), "budget", "--format", "json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertTrue(json.size() >= 4, "at least two pipelines: " + run.out());
        java.util.Set<String> generatedAt = new java.util.HashSet<>();
        json.forEach(row -> generatedAt.add(row.get("generatedAt").asText()));
        assertEquals(1, generatedAt.size(), "one now per report: " + generatedAt);
    }

    @Test
    void anUnknownPipelineIsAUsageErrorThatNamesTheKnownOnes() {
        CliRun run = history.cli("budget", "--pipeline", "invoices");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("No pipeline named 'invoices'"), run::toString);
        assertTrue(run.err().contains("its pipelines are: customers, orders"), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void aWindowThatIsNotAWholeNumberOfDaysIsAUsageError() {
        for (String bad : List.of("0", "367", "12h", "soon")) {
            CliRun run = history.cli("budget", "--window", bad);
            assertEquals(2, run.exitCode(), run::toString);
            assertTrue(run.err().contains("--window"), run::toString);
        }
    }

    @Test
    void helpDescribesTheCommandAndItsOptions() {
        CliRun run = history.cli("budget", "--help");

        assertEquals(0, run.exitCode(), run::toString);
        for (String option : List.of("--format", "--pipeline", "--window", "--help")) {
            assertTrue(run.out().contains(option), () -> option + " missing in\n" + run);
        }
        assertTrue(run.out().replaceAll("\\s+", " ").contains("burn rates over 1 h, 6 h, 24 h"), run::toString);
        assertTrue(run.out().replaceAll("\\s+", " ").contains("(default: 99.5% of records and 95% of runs over 30 days)"),
                run::toString);
    }

    @Test
    void aStoreThatCannotBeOpenedExitsWithTheStoreErrorCode() {
        CliRun run = CliRun.of("--db", "jdbc:nosuchdb://nowhere/x", "budget");

        assertEquals(5, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: "), run::toString);
    }

    @Test
    void anEmptyStoreSaysNoPipelineHasRun(@TempDir Path empty) throws Exception {
        try (ReportHistory h = ReportHistory.empty(empty)) {
            CliRun run = h.cli("budget");
            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.out().contains("No pipeline has run yet."), run::toString);
            CliRun json = h.cli("budget", "--format", "json");
            assertEquals(0, new ObjectMapper().readTree(json.out()).size(), json::toString);
        }
    }

    private static double burn(SloBudget budget, Duration window) {
        return budget.burnRate(window).orElseThrow().burnRate();
    }

}
