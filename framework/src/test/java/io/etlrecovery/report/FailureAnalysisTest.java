package io.etlrecovery.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.recovery.ErrorCategory;
import io.etlrecovery.store.AnalysisRepository;
import io.etlrecovery.store.AnalysisRow;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureAnalysisTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final double EPS = 1e-12;

    @TempDir
    Path dir;

    private Store store;
    private History history;
    private Reports reports;

    @BeforeEach
    void open() {
        store = Store.open(StoreConfig.ofH2File(dir.resolve("store")));
        history = new History(store);
        reports = Reports.on(store).clock(new MutableClock(NOW));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Instant t(String s) {
        return Instant.parse("2026-11-" + s + "Z");
    }

    /** Four days of pipeline "p" (and one run of "q"), as the runner records them. */
    private void fourDays() {
        long old = history.run("p", t("15T09:00:00"), t("15T10:00:00"), "FAILED", 10, 0); // before the period
        history.finish(old, "FAILED", t("15T10:00:00"), "DATA", "too many bad records");
        history.run("p", t("17T00:30:00"), t("17T01:00:00"), "SUCCEEDED", 1000, 10);
        long r2 = history.run("p", t("17T09:00:00"), t("17T10:00:00"), "FAILED", 500, 0);
        history.finish(r2, "FAILED", t("17T10:00:00"), "CONFIGURATION", "Unknown column 'AMOUNT' in table 'ORDERS'");
        long r3 = history.run("p", t("18T01:00:00"), t("18T02:00:00"), "FAILED", 200, 0);
        history.finish(r3, "FAILED", t("18T02:00:00"), "CONFIGURATION", "Unknown column 'PRICE' in table 'ORDERS'");
        history.run("p", t("18T05:00:00"), t("18T06:00:00"), "SUCCEEDED", 1000, 20);
        // stopped by an open breaker, resumed an hour later, then succeeded: the stop is only in RECOVERY_ACTIONS
        long r5 = history.start("p", t("19T06:00:00"));
        history.batch(r5, "p", t("19T07:00:00"), 1000, 5);
        history.errors(r5, "p", ErrorCategory.TRANSIENT, "java.net.SocketTimeoutException", "Read timed out", 4, 3,
                "RECOVERED", t("19T07:30:00"));
        history.errors(r5, "p", ErrorCategory.TRANSIENT, "java.net.ConnectException", "Connection refused", 2, 1,
                "FALLBACK_USED", t("19T07:30:00"));
        history.errors(r5, "p", ErrorCategory.UNKNOWN, "java.lang.RuntimeException", "odd", 3, 3, "QUARANTINED",
                t("19T07:30:00"));
        history.errors(r5, "p", ErrorCategory.DATA, "java.lang.NumberFormatException", "bad number", 5, 1,
                "QUARANTINED", t("19T07:30:00"));
        history.errors(r5, "p", ErrorCategory.SYSTEM, "java.io.IOException", "No space left on device", 1, 2,
                "RUN_STOPPED", t("19T07:30:00"));
        history.action(r5, "p", "RUN_STOPPED", t("19T07:59:30"));
        history.finish(r5, "STOPPED", t("19T08:00:00"), "TRANSIENT", "Circuit breaker 'crm' is open");
        history.resume(r5, t("19T09:00:00"));
        history.batch(r5, "p", t("19T09:20:00"), 1000, 5);
        history.finish(r5, "SUCCEEDED", t("19T09:30:00"));
        history.run("p", t("20T02:00:00"), t("20T03:00:00"), "SUCCEEDED", 2000, 0);
        long r7 = history.run("p", t("20T10:30:00"), t("20T11:00:00"), "FAILED", 100, 0);
        history.errors(r7, "p", ErrorCategory.TRANSIENT, "java.net.SocketTimeoutException", "Read timed out", 1, 2,
                "RECOVERED", t("20T10:45:00"));
        history.finish(r7, "FAILED", t("20T11:00:00"), "SYSTEM", "Out of memory while loading batch 12");
        long r8 = history.start("p", t("20T11:30:00"));
        history.batch(r8, "p", t("20T11:45:00"), 500, 50);

        history.run("q", t("19T09:00:00"), t("19T10:00:00"), "SUCCEEDED", 100, 0);
    }

    @Test
    void failureRatesPerDayAndForThePeriodCountRunsByTheDayTheyEndedAndRecordsByTheirBatches() {
        fourDays();
        FailureReport report = reports.failures(FailureQuery.builder().pipeline("p").days(4).build());
        assertEquals(LocalDate.parse("2026-11-17"), report.from());
        assertEquals(LocalDate.parse("2026-11-20"), report.to());
        assertEquals(1, report.pipelines().size());
        PipelineFailures p = report.pipelines().get(0);
        assertEquals("p", p.pipeline());

        List<DayFailures> days = p.days();
        assertEquals(4, days.size());
        assertDay(days.get(0), "2026-11-17", 2, 1, 1500, 10);
        assertDay(days.get(1), "2026-11-18", 2, 1, 1200, 20);
        assertDay(days.get(2), "2026-11-19", 1, 0, 2000, 10);
        assertDay(days.get(3), "2026-11-20", 2, 1, 2600, 50); // the running run's batch counts, the run does not
        assertEquals(0.5, days.get(0).failureRate(), EPS);
        assertEquals(10 / 1500.0, days.get(0).recordFailureRate(), EPS);
        assertTrue(days.stream().allMatch(d -> d.pipeline().equals("p")));

        assertEquals(7, p.runs());
        assertEquals(3, p.failedRuns());
        assertEquals(3 / 7.0, p.failureRate(), EPS);
        assertEquals(7300, p.records());
        assertEquals(90, p.failedRecords());
        // first half (17th, 18th): 2 of 4 runs failed; second half (19th, 20th): 1 of 3
        assertEquals(0.5, p.firstHalfFailureRate(), EPS);
        assertEquals(1 / 3.0, p.secondHalfFailureRate(), EPS);
        assertEquals(Trend.FALLING, p.trend());
    }

    @Test
    void mttrRunsFromTheFirstFailureAfterASuccessToTheNextSuccessIncludingStopsThatWereResumed() {
        fourDays();
        PipelineFailures p = reports.failures(FailureQuery.builder().pipeline("p").days(4).build()).pipelines().get(0);
        // incident 1: failed 17th 10:00, failed again 18th 02:00, recovered 18th 06:00 -> 20 h
        // incident 2: stopped 19th 07:59:30 (then resumed), succeeded 09:30 -> 1 h 30 min 30 s
        // incident 3: failed 20th 11:00, not recovered yet
        assertEquals(3, p.incidents());
        assertEquals(1, p.unresolvedIncidents());
        assertEquals(Duration.ofSeconds((20 * 3600 + 5430) / 2), p.mttr());
        assertEquals(Duration.ofHours(20), p.days().get(1).mttr());
        assertEquals(Duration.ofSeconds(5430), p.days().get(2).mttr());
        assertNull(p.days().get(0).mttr());
    }

    @Test
    void theRecoverySuccessRateIsRecoveredOverRetriedOrFallenBackFailures() {
        fourDays();
        PipelineFailures p = reports.failures(FailureQuery.builder().pipeline("p").days(4).build()).pipelines().get(0);
        // 19th: retried or fell back = 4 recovered (3 attempts) + 2 fallbacks + 3 quarantined after 3 attempts
        //       + 1 run stop after 2 attempts = 10; recovered = 6. The 5 quarantined at the first attempt do not count.
        DayFailures d19 = p.days().get(2);
        assertEquals(10, d19.retriedFailures());
        assertEquals(6, d19.recoveredFailures());
        assertEquals(0.6, d19.recoverySuccessRate(), EPS);
        assertEquals(1.0, p.days().get(3).recoverySuccessRate(), EPS);
        assertNull(p.days().get(0).recoverySuccessRate());
        assertEquals(11, p.retriedFailures());
        assertEquals(7, p.recoveredFailures());
        assertEquals(7 / 11.0, p.recoverySuccessRate(), EPS);
    }

    @Test
    void stopCausesGroupRunsWhoseReasonsDifferOnlyInValues() {
        fourDays();
        PipelineFailures p = reports.failures(FailureQuery.builder().pipeline("p").days(4).build()).pipelines().get(0);
        assertEquals(2, p.stopCauses().size());
        StopCause top = p.stopCauses().get(0);
        assertEquals("p", top.pipeline());
        assertEquals("CONFIGURATION", top.category());
        assertEquals("Unknown column <str> in table <str>", top.reason());
        assertEquals(2, top.runs());
        assertEquals("Unknown column 'PRICE' in table 'ORDERS'", top.exampleReason());
        assertEquals(t("18T02:00:00"), top.lastAt());
        assertEquals("SYSTEM", p.stopCauses().get(1).category());
        assertEquals("Out of memory while loading batch <n>", p.stopCauses().get(1).reason());
        assertEquals("CONFIGURATION: Unknown column <str> in table <str> (1 run)", p.days().get(0).topStopCause());
        assertNull(p.days().get(2).topStopCause());
        assertEquals(1, reports.failures(FailureQuery.builder().pipeline("p").days(4).maxStopCauses(1).build())
                .pipelines().get(0).stopCauses().size());
    }

    @Test
    void recentRunsAreListedNewestFirstWithTheRunningOne() {
        fourDays();
        PipelineFailures p = reports.failures(FailureQuery.builder().pipeline("p").days(4).maxRuns(3).build())
                .pipelines().get(0);
        assertEquals(3, p.recentRuns().size());
        RunFailures running = p.recentRuns().get(0);
        assertEquals("RUNNING", running.status());
        assertNull(running.endedAt());
        assertEquals(500, running.recordsRead());
        assertEquals(0.1, running.recordFailureRate(), EPS);
        RunFailures failed = p.recentRuns().get(1);
        assertTrue(failed.failed());
        assertEquals("SYSTEM", failed.stopCategory());
        assertEquals(t("20T11:00:00"), failed.endedAt());
        assertTrue(p.recentRuns().get(0).runId() > p.recentRuns().get(1).runId());
    }

    @Test
    void everyPipelineIsAnalysedAndTheRowsAreStoredIdempotently() {
        fourDays();
        FailureReport all = reports.failures(FailureQuery.builder().days(4).build());
        assertEquals(List.of("p", "q"), all.pipelines().stream().map(PipelineFailures::pipeline).toList());
        assertEquals(1, all.pipelines().get(1).runs());
        String count = "SELECT COUNT(*) FROM FAILURE_ANALYSIS";
        // 4 DAY rows per pipeline, a RUN row per run in the period (8 of p, 1 of q)
        assertEquals(17, History.count(store, count));
        reports.failures(FailureQuery.builder().days(4).build());
        assertEquals(17, History.count(store, count));

        List<AnalysisRow> days = store.withSession(s -> s.attach(AnalysisRepository.class)
                .rows("p", AnalysisRow.DAY, t("17T00:00:00"), NOW));
        assertEquals(4, days.size());
        AnalysisRow d18 = days.get(1);
        assertEquals(t("18T00:00:00"), d18.periodStart());
        assertEquals(t("19T00:00:00"), d18.periodEnd());
        assertEquals(2, d18.runsTotal());
        assertEquals(1, d18.runsFailed());
        assertEquals(1200, d18.recordsTotal());
        assertEquals(20, d18.recordsFailed());
        assertEquals(0.5, d18.failureRate(), EPS);
        assertEquals(72000L, d18.mttrSeconds());
        assertEquals(0.6, days.get(2).recoverySuccessRate(), EPS);
        List<AnalysisRow> runs = store.withSession(s -> s.attach(AnalysisRepository.class)
                .rows("p", AnalysisRow.RUN, t("17T00:00:00"), NOW));
        assertEquals(8, runs.size());
        assertEquals("CONFIGURATION: Unknown column <str> in table <str>", runs.get(1).topStopCause());
    }

    @Test
    void pastDaysRecoveryCountsAreReadBackInsteadOfRescanningTheErrors() {
        fourDays();
        FailureQuery q = FailureQuery.builder().pipeline("p").days(4).build();
        reports.failures(q);
        // retention removes the errors of past days; the stored counts of complete days still answer
        store.useTransaction(s -> s.errors().deleteOlderThan(t("20T00:00:00")));
        PipelineFailures p = reports.failures(q).pipelines().get(0);
        assertEquals(10, p.days().get(2).retriedFailures());
        assertEquals(6, p.days().get(2).recoveredFailures());
        assertEquals(1, p.days().get(3).retriedFailures()); // today is counted afresh
        assertEquals(7 / 11.0, p.recoverySuccessRate(), EPS);
        // a row computed before its day was over is not trusted: a fresh store computes today's anew
        List<AnalysisRow> stored = store.withSession(s -> s.attach(AnalysisRepository.class)
                .rows("p", AnalysisRow.DAY, t("20T00:00:00"), NOW));
        assertEquals(1L, stored.get(0).retriedFailures());
        assertEquals(NOW, stored.get(0).computedAt());
    }

    @Test
    void aRisingFailureRateIsReported() {
        history.run("p", t("17T01:00:00"), t("17T02:00:00"), "SUCCEEDED", 10, 0);
        history.run("p", t("18T01:00:00"), t("18T02:00:00"), "SUCCEEDED", 10, 0);
        history.run("p", t("19T01:00:00"), t("19T02:00:00"), "FAILED", 10, 0);
        history.run("p", t("20T01:00:00"), t("20T02:00:00"), "SUCCEEDED", 10, 0);
        PipelineFailures p = reports.failures(FailureQuery.builder().pipeline("p").days(4).build()).pipelines().get(0);
        assertEquals(Trend.RISING, p.trend());
        assertEquals(1, p.incidents());
        assertEquals(0, p.unresolvedIncidents());
        assertEquals(Duration.ofDays(1), p.mttr());
    }

    private static void assertDay(DayFailures d, String day, long runs, long failed, long records, long failedRecords) {
        assertEquals(LocalDate.parse(day), d.day());
        assertEquals(runs, d.runs(), day + " runs");
        assertEquals(failed, d.failedRuns(), day + " failed runs");
        assertEquals(records, d.records(), day + " records");
        assertEquals(failedRecords, d.failedRecords(), day + " failed records");
    }
}
