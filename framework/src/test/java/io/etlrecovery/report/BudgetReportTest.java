package io.etlrecovery.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.report.BurnRateAlertPolicy.Severity;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BudgetReportTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:37:12Z");
    private static final String P = "orders";
    private static final double EPS = 1e-12;

    @TempDir
    Path dir;

    private Store store;
    private History history;
    private MutableClock clock;
    private Reports reports;

    @BeforeEach
    void open() {
        store = Store.open(StoreConfig.ofH2File(dir.resolve("store")));
        history = new History(store);
        clock = new MutableClock(NOW);
        reports = Reports.on(store).clock(clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Instant ago(Duration d) {
        return NOW.minus(d);
    }

    private long oldRun() {
        return history.start(P, ago(Duration.ofDays(40)));
    }

    private static long countSnapshots(Store store) {
        return History.count(store, "SELECT COUNT(*) FROM ERROR_BUDGET WHERE ROW_KIND = 'SNAPSHOT'");
    }

    @Test
    void theRecordsBudgetCountsQuarantinedRecordsInTheWindowAndBurnRatesPerWindow() {
        long run = oldRun();
        history.batch(run, P, ago(Duration.ofDays(35)), 5000, 100); // before the window
        history.batch(run, P, ago(Duration.ofDays(20)), 4000, 10);
        history.batch(run, P, ago(Duration.ofDays(3)), 3000, 6);   // exactly at the 3-day window's start: inside
        history.batch(run, P, ago(Duration.ofHours(5)), 2000, 3);
        history.batch(run, P, ago(Duration.ofMinutes(20)), 1000, 1);

        BudgetReport b = reports.budget(P);

        SloBudget r = b.records();
        assertEquals(Sli.RECORDS, r.sli());
        assertEquals(10_000, r.total());
        assertEquals(20, r.failed());
        assertEquals(50.0, r.allowed(), EPS);
        assertEquals(0.4, r.consumed(), EPS);
        assertEquals(0.6, r.remaining(), EPS);
        assertEquals(40.0, r.consumedPercent(), EPS);
        assertEquals(BudgetStatus.OK, r.status());
        assertEquals(0.0, rate(r, Duration.ofMinutes(5)), EPS);
        assertEquals(0.2, rate(r, Duration.ofMinutes(30)), EPS);
        assertEquals(0.2, rate(r, Duration.ofHours(1)), EPS);
        assertEquals(4.0 / 3000 / 0.005, rate(r, Duration.ofHours(6)), 1e-9);
        assertEquals(4.0 / 3000 / 0.005, rate(r, Duration.ofHours(24)), 1e-9);
        assertEquals(10.0 / 6000 / 0.005, rate(r, Duration.ofDays(3)), 1e-9);
        assertEquals(0.4, rate(r, Duration.ofDays(30)), EPS);
        assertEquals(List.of(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(6),
                Duration.ofHours(24), Duration.ofDays(3), Duration.ofDays(30)),
                r.burnRates().stream().map(BurnRate::window).toList());
        assertEquals(P, b.pipeline());
        assertEquals(NOW, b.generatedAt());
        assertEquals(NOW.minus(Duration.ofDays(30)), b.windowStart());
        assertTrue(b.defaultPolicy());
        assertTrue(b.alerts().isEmpty());
        assertEquals(BudgetStatus.OK, b.status());
    }

    @Test
    void longWindowsSumHourlySnapshotsWhichAreWrittenOnceAndReused() {
        long run = oldRun();
        history.batch(run, P, ago(Duration.ofDays(20)), 4000, 10);
        history.batch(run, P, ago(Duration.ofMinutes(20)), 1000, 1);

        BudgetReport first = reports.budget(P);
        // the complete hours of the 30-day window: from 11:00 thirty days ago up to 10:00 today (10:00-11:00 is open)
        assertEquals(30 * 24 - 1, countSnapshots(store));
        BudgetReport second = reports.budget(P);
        assertEquals(30 * 24 - 1, countSnapshots(store));
        assertEquals(first, second);
        assertEquals(5000, second.records().total());
        assertEquals(11, second.records().failed());

        assertEquals(1, reports.refreshSnapshots());
        assertEquals(30 * 24 - 1, countSnapshots(store));
    }

    @Test
    void aReportOverSnapshotsEqualsADirectSumOfTheCheckpointsForEveryWindow() {
        long run = oldRun();
        Random rnd = new Random(42);
        record Batch(Instant at, long records, long quarantined) {
        }
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Instant at = NOW.minusMillis((long) (rnd.nextDouble() * Duration.ofDays(32).toMillis()));
            long n = 1 + rnd.nextInt(2000);
            long q = rnd.nextInt((int) Math.min(n, 40));
            batches.add(new Batch(at, n, q));
            history.batch(run, P, at, n, q);
        }
        // also batches right at hour boundaries and at the edges of the windows
        for (Instant at : List.of(ago(Duration.ofHours(1)), ago(Duration.ofMinutes(5)), Instant.parse("2026-11-20T10:00:00Z"),
                Instant.parse("2026-11-20T09:00:00Z"), ago(Duration.ofDays(30)), ago(Duration.ofDays(3)))) {
            batches.add(new Batch(at, 100, 7));
            history.batch(run, P, at, 100, 7);
        }
        for (Duration step : List.of(Duration.ZERO, Duration.ofMinutes(3), Duration.ofHours(2).plusMinutes(37),
                Duration.ofDays(1).plusSeconds(1))) {
            clock.advance(step);
            Instant now = clock.instant();
            BudgetReport b = reports.budget(P);
            for (BurnRate br : b.records().burnRates()) {
                Instant from = now.minus(br.window());
                long total = 0;
                long failed = 0;
                for (Batch x : batches) {
                    if (!x.at().isBefore(from) && x.at().isBefore(now)) {
                        total += x.records();
                        failed += x.quarantined();
                    }
                }
                assertEquals(total, br.total(), "records over " + br.window() + " at " + now);
                assertEquals(failed, br.failed(), "quarantined over " + br.window() + " at " + now);
            }
        }
    }

    @Test
    void snapshotsCanBeRebuiltAfterTheHistoryChanged() {
        long run = oldRun();
        history.batch(run, P, ago(Duration.ofDays(2)), 1000, 10);
        assertEquals(10, reports.budget(P).records().failed());
        store.useTransaction(s -> s.checkpoints().deleteForRun(run));
        // the complete hours keep what was snapshotted (a committed batch's failures stay spent) ...
        assertEquals(10, reports.budget(P).records().failed());
        // ... until they are rebuilt from the checkpoints as they are now
        int written = reports.rebuildSnapshots(P, ago(Duration.ofDays(30)), NOW);
        assertEquals(30 * 24 - 1, written);
        assertEquals(30 * 24 - 1, countSnapshots(store));
        assertEquals(0, reports.budget(P).records().failed());
    }

    @Test
    void twoReportersFillingTheSameMissingSnapshotsAtOnceBothAnswerAndNoRowIsDuplicated() throws Exception {
        long run = oldRun();
        history.batch(run, P, ago(Duration.ofDays(9)), 4000, 10);
        history.batch(run, P, ago(Duration.ofMinutes(20)), 1000, 1);
        try (Store second = Store.open(StoreConfig.ofH2File(dir.resolve("store")))) {
            Reports other = Reports.on(second).clock(clock);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var a = pool.submit(() -> {
                    go.await();
                    return reports.budget(P);
                });
                var b = pool.submit(() -> {
                    go.await();
                    return other.budget(P);
                });
                go.countDown();
                assertEquals(a.get(), b.get());
                assertEquals(5000, a.get().records().total());
            } finally {
                pool.shutdownNow();
            }
        }
        assertEquals(30 * 24 - 1, countSnapshots(store));
        assertEquals(0, History.count(store, "SELECT COUNT(*) FROM (SELECT PERIOD_START FROM ERROR_BUDGET "
                + "WHERE ROW_KIND = 'SNAPSHOT' GROUP BY PIPELINE, PERIOD_START HAVING COUNT(*) > 1) d"));
    }

    @Test
    void theRunsBudgetCountsEndedRunsByTheirFinalStatus() {
        for (int i = 0; i < 18; i++) {
            Instant end = ago(Duration.ofDays(1 + i));
            history.run(P, end.minusSeconds(600), end, "SUCCEEDED", 100, 0);
        }
        // stopped, then resumed and succeeded: counts once, as a success
        long resumed = history.start(P, ago(Duration.ofDays(25)));
        history.finish(resumed, "STOPPED", ago(Duration.ofDays(25)).plusSeconds(60), "TRANSIENT", "breaker open");
        history.resume(resumed, ago(Duration.ofDays(24)));
        history.finish(resumed, "SUCCEEDED", ago(Duration.ofDays(24)).plusSeconds(60));
        // failed, then abandoned: a failure
        long abandoned = history.run(P, ago(Duration.ofDays(10)), ago(Duration.ofDays(10)).plusSeconds(60), "FAILED", 10, 0);
        store.useTransaction(s -> s.runs().setStatus(abandoned, "ABANDONED"));
        // not counted: one still running, one that ended before the window
        history.start(P, ago(Duration.ofMinutes(30)));
        history.run(P, ago(Duration.ofDays(31)), ago(Duration.ofDays(31)).plusSeconds(60), "FAILED", 10, 0);

        SloBudget runs = reports.budget(P).runs();
        assertEquals(20, runs.total());
        assertEquals(1, runs.failed());
        assertEquals(1.0, runs.allowed(), EPS);
        assertEquals(1.0, runs.consumed(), EPS);
        assertEquals(0.0, runs.remaining(), EPS);
        assertEquals(BudgetStatus.EXHAUSTED, runs.status());
        assertEquals(0.95, runs.slo(), EPS);
    }

    @ParameterizedTest(name = "{1} of 4000 records quarantined: {2}")
    @CsvSource({"a, 14, OK", "b, 15, OK", "c, 16, WARNING", "d, 19, WARNING", "e, 20, EXHAUSTED", "f, 30, EXHAUSTED"})
    void theStatusIsWarningAboveThreeQuartersAndExhaustedAtTheWholeBudget(String name, long quarantined,
                                                                          BudgetStatus expected) {
        long run = oldRun();
        history.batch(run, P, ago(Duration.ofDays(10)), 4000, quarantined); // allowed: 20; no window of an alert
        BudgetReport b = reports.budget(P);
        assertEquals(quarantined / 20.0, b.records().consumed(), EPS);
        assertEquals(expected, b.records().status());
        assertEquals(expected, b.status());
        assertTrue(b.alerts().isEmpty());
    }

    @ParameterizedTest(name = "{0} of 1000 quarantined in the last 2 minutes")
    @CsvSource({"72, false", "73, true"})
    void theFastBurnPageFiresAbove14Point4TimesOverAnHourAndFiveMinutes(long quarantined, boolean fires) {
        long run = oldRun();
        history.batch(run, P, ago(Duration.ofMinutes(2)), 1000, quarantined);
        BudgetReport b = reports.budget(P);
        assertEquals(quarantined / 1000.0 / 0.005, rate(b.records(), Duration.ofHours(1)), 1e-9);
        assertEquals(fires, hasAlert(b, Severity.PAGE, Duration.ofHours(1)));
        // the slower rules fire as well at this burn rate
        assertTrue(hasAlert(b, Severity.PAGE, Duration.ofHours(6)));
        assertTrue(hasAlert(b, Severity.TICKET, Duration.ofDays(3)));
        assertEquals(fires ? 3 : 2, b.alerts().size());
        assertTrue(b.paging());
        assertEquals(Severity.PAGE, b.alerts().get(0).severity());
        assertEquals(BudgetStatus.WARNING.worst(b.records().status()), b.records().status());
    }

    @Test
    void aPageNeedsTheShortWindowToConfirmTheBurn() {
        long run = oldRun();
        history.batch(run, P, ago(Duration.ofMinutes(40)), 1000, 200); // 1 h: 200 of 2000, burn 20
        history.batch(run, P, ago(Duration.ofMinutes(2)), 1000, 0);    // 5 min and 30 min: clean
        BudgetReport b = reports.budget(P);
        assertEquals(20.0, rate(b.records(), Duration.ofHours(1)), EPS);
        assertEquals(0.0, rate(b.records(), Duration.ofMinutes(5)), EPS);
        assertEquals(List.of(Severity.TICKET), b.alerts().stream().map(BurnAlert::severity).toList());
        BurnAlert ticket = b.alerts().get(0);
        assertEquals(Duration.ofDays(3), ticket.longWindow());
        assertEquals(Duration.ofHours(6), ticket.shortWindow());
        assertEquals(20.0, ticket.longBurnRate(), EPS);
        assertEquals(20.0, ticket.shortBurnRate(), EPS);
        assertEquals(1.0, ticket.threshold(), EPS);
        assertEquals(P, ticket.pipeline());
        assertEquals(Sli.RECORDS, ticket.sli());
        assertTrue(ticket.message().contains("20× as fast as the budget allows over the last 3 days (200 of 2000)"),
                ticket.message());
    }

    @ParameterizedTest(name = "{0} of 1000 quarantined in the last 20 minutes")
    @CsvSource({"30, false", "31, true"})
    void theSlowBurnPageFiresAbove6TimesOverSixHoursAndThirtyMinutes(long quarantined, boolean fires) {
        long run = oldRun();
        history.batch(run, P, ago(Duration.ofMinutes(20)), 1000, quarantined);
        BudgetReport b = reports.budget(P);
        assertEquals(fires, hasAlert(b, Severity.PAGE, Duration.ofHours(6)));
        assertFalse(hasAlert(b, Severity.PAGE, Duration.ofHours(1)));
        assertTrue(hasAlert(b, Severity.TICKET, Duration.ofDays(3)));
    }

    @ParameterizedTest(name = "{0}+{1} quarantined over 3 days: ticket {2}")
    @CsvSource({"45, 5, false", "45, 6, true", "60, 5, false"})
    void theTicketFiresAboveOneTimeOverThreeDaysAndSixHours(long old, long recent, boolean fires) {
        long run = oldRun();
        history.batch(run, P, ago(Duration.ofDays(20)), 100_000, 0); // keeps the 30-day budget far from spent
        history.batch(run, P, ago(Duration.ofDays(2)), 9000, old);
        history.batch(run, P, ago(Duration.ofHours(3)), 1000, recent);
        BudgetReport b = reports.budget(P);
        assertEquals(fires, hasAlert(b, Severity.TICKET, Duration.ofDays(3)));
        assertEquals(fires ? 1 : 0, b.alerts().size());
        assertEquals(fires ? BudgetStatus.WARNING : BudgetStatus.OK, b.records().status()); // the alert warns
        assertTrue(b.records().consumed() < 0.75);
    }

    @Test
    void alertThresholdsAndWindowsAreConfigurable() {
        long run = oldRun();
        history.batch(run, P, ago(Duration.ofMinutes(4)), 1000, 16); // burn 3.2
        BurnRateAlertPolicy policy = BurnRateAlertPolicy.builder().clear()
                .page(Duration.ofHours(2), Duration.ofMinutes(10), 3).build();
        BudgetReport custom = reports.alertPolicy(policy).budget(P);
        assertEquals(1, custom.alerts().size());
        assertEquals(Duration.ofHours(2), custom.alerts().get(0).longWindow());
        assertEquals(3.2, custom.alerts().get(0).longBurnRate(), 1e-9);
        // the 2 h and 10 min windows are reported too
        assertTrue(custom.records().burnRate(Duration.ofHours(2)).isPresent());
        assertTrue(custom.records().burnRate(Duration.ofMinutes(10)).isPresent());
        assertFalse(reports.alertPolicy(BurnRateAlertPolicy.builder().clear()
                .page(Duration.ofHours(2), Duration.ofMinutes(10), 3.2).build()).budget(P).paging());
        assertTrue(reports.alertPolicy(BurnRateAlertPolicy.none()).budget(P).alerts().isEmpty());
    }

    @Test
    void aFailedRunInTheLastMinutesPagesOnTheRunsBudget() {
        history.run(P, ago(Duration.ofMinutes(10)), ago(Duration.ofMinutes(3)), "FAILED", 100, 0);
        BudgetReport b = reports.budget(P);
        assertEquals(1, b.runs().failed());
        assertEquals(20.0, rate(b.runs(), Duration.ofHours(1)), EPS);
        assertTrue(b.alerts().stream().anyMatch(a -> a.sli() == Sli.RUNS && a.severity() == Severity.PAGE
                && a.longWindow().equals(Duration.ofHours(1))));
        assertEquals(BudgetStatus.EXHAUSTED, b.status()); // 1 failed of 1 run: 20 times the allowance
    }

    @Test
    void aStoredPolicyReplacesTheDefaultsAndNarrowsTheWindow() {
        long run = oldRun();
        history.batch(run, P, ago(Duration.ofDays(10)), 1000, 50);
        history.batch(run, P, ago(Duration.ofDays(2)), 1000, 5);
        assertEquals(BudgetPolicy.defaults(), reports.policy(P));

        BudgetPolicy policy = BudgetPolicy.builder().recordSlo(0.99).runSlo(0.9).windowDays(7).build();
        reports.setPolicy(P, policy);
        assertEquals(policy, reports.policy(P));
        assertEquals(java.util.Map.of(P, policy), reports.policies());
        BudgetReport b = reports.budget(P);
        assertFalse(b.defaultPolicy());
        assertEquals(1000, b.records().total());
        assertEquals(5, b.records().failed());
        assertEquals(10.0, b.records().allowed(), 1e-9);
        assertEquals(0.5, b.records().consumed(), 1e-9);
        assertEquals(NOW.minus(Duration.ofDays(7)), b.windowStart());

        reports.setPolicy(P, BudgetPolicy.builder().recordSlo(0.999).build()); // replaces, one POLICY row
        assertEquals(0.999, reports.policy(P).recordSlo(), EPS);
        assertEquals(1, reports.policies().size());
        assertTrue(reports.removePolicy(P));
        assertFalse(reports.removePolicy(P));
        assertEquals(BudgetPolicy.defaults(), reports.policy(P));
    }

    @Test
    void theBurnDownHasAPointPerMidnightAndEndsAtTheReportsRemainingShare() {
        long run = oldRun();
        history.batch(run, P, ago(Duration.ofDays(20)), 4000, 10);
        history.batch(run, P, ago(Duration.ofDays(5)), 4000, 10);
        history.batch(run, P, ago(Duration.ofMinutes(20)), 2000, 5);
        BudgetReport b = reports.budget(P);
        List<BudgetPoint> pts = b.burnDown();
        assertEquals(31, pts.size());
        assertEquals(Instant.parse("2026-10-22T00:00:00Z"), pts.get(0).at());
        assertEquals(NOW, pts.get(30).at());
        assertEquals(b.records().remaining(), pts.get(30).recordsRemaining(), EPS);
        assertEquals(10_000, pts.get(30).recordsTotal());
        double previous = 1.0;
        for (BudgetPoint p : pts) {
            assertTrue(p.recordsRemaining() <= previous + EPS);
            previous = p.recordsRemaining();
        }
        // the midnight after the first batch: 10 of the window's 50 allowed are spent
        BudgetPoint afterFirst = pts.stream().filter(p -> p.at().equals(Instant.parse("2026-11-01T00:00:00Z")))
                .findFirst().orElseThrow();
        assertEquals(4000, afterFirst.recordsTotal());
        assertEquals(0.8, afterFirst.recordsRemaining(), EPS);
    }

    @Test
    void aPipelineWithoutHistoryHasAnUntouchedBudget() {
        BudgetReport b = reports.budget("never-ran");
        assertEquals(0, b.records().total());
        assertEquals(0.0, b.records().consumed(), EPS);
        assertEquals(1.0, b.records().remaining(), EPS);
        assertEquals(BudgetStatus.OK, b.status());
        assertEquals(0, countSnapshots(store));
    }

    @Test
    void budgetsCoverEveryPipelineByName() {
        history.run("b-pipe", ago(Duration.ofDays(1)), ago(Duration.ofHours(23)), "SUCCEEDED", 10, 0);
        history.run("a-pipe", ago(Duration.ofDays(1)), ago(Duration.ofHours(23)), "SUCCEEDED", 10, 0);
        reports.setPolicy("c-pipe", BudgetPolicy.defaults());
        assertEquals(List.of("a-pipe", "b-pipe", "c-pipe"), reports.budgets().stream().map(BudgetReport::pipeline).toList());
    }

    @Test
    void policiesAndAlertRulesRefuseBadValuesNamingTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BudgetPolicy.builder().recordSlo(1.0))
                .getMessage().startsWith("recordSlo must be > 0 and < 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BudgetPolicy.builder().runSlo(0))
                .getMessage().startsWith("runSlo"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BudgetPolicy.builder().recordSlo(0.12345678))
                .getMessage().contains("at most 6 decimals"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BudgetPolicy.builder().window(Duration.ofHours(36)))
                .getMessage().startsWith("window must be a whole number of days"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BurnRateAlertPolicy.builder().page(Duration.ofMinutes(5), Duration.ofHours(1), 14.4))
                .getMessage().startsWith("longWindow"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BurnRateAlertPolicy.builder().ticket(Duration.ofDays(3), Duration.ofHours(6), 0))
                .getMessage().startsWith("burnRate must be > 0"));
        assertThrows(IllegalArgumentException.class, () -> reports.budget(" "));
    }

    private static double rate(SloBudget b, Duration window) {
        return b.burnRate(window).orElseThrow().burnRate();
    }

    private static boolean hasAlert(BudgetReport b, Severity severity, Duration longWindow) {
        return b.alerts().stream().anyMatch(a -> a.severity() == severity && a.longWindow().equals(longWindow));
    }
}
