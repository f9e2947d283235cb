package io.etlrecovery.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.recovery.ErrorCategory;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatternReportTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final String NFE = "java.lang.NumberFormatException";

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

    private static Instant on(String day) {
        return Instant.parse(day + "T08:30:00Z");
    }

    private String errors(long run, String pipeline, String exception, String message, int n, String day) {
        return history.errors(run, pipeline, ErrorCategory.DATA, exception, message, n, 1, "QUARANTINED", on(day));
    }

    @Test
    void messagesDifferingOnlyInIdsAndValuesGroupAndDifferentCausesDoNot() {
        long r1 = history.start("orders", on("2026-11-18"));
        long r2 = history.start("orders", on("2026-11-19"));
        String a1 = errors(r1, "orders", NFE, "For input string: \"12a\" in order 1001", 4, "2026-11-18");
        String a2 = errors(r2, "orders", NFE, "For input string: \"x9\" in order 77321", 6, "2026-11-19");
        String b = errors(r2, "orders", "java.lang.IllegalStateException", "Customer 42 not found", 3, "2026-11-19");
        String c = errors(r2, "orders", NFE, "Amount is negative: -12.50 in order 1001", 2, "2026-11-19");
        assertEquals(a1, a2);
        assertNotEquals(a1, b);
        assertNotEquals(a1, c);

        PatternReport report = reports.patterns(PatternQuery.defaults());
        assertEquals(3, report.patterns().size());
        assertEquals(3, report.patternsInWindow());
        assertEquals(15, report.totalOccurrences());
        PatternEntry top = report.patterns().get(0);
        assertEquals("orders", top.pipeline());
        assertEquals(a1, top.fingerprint());
        assertEquals(10, top.occurrences());
        assertEquals(0, top.previousOccurrences());
        assertEquals(Trend.NEW, top.trend());
        assertEquals(2, top.runsAffected());
        assertEquals(10, top.totalOccurrences());
        assertEquals("For input string: <str> in order <n>", top.normalizedMessage());
        assertEquals("For input string: \"x9\" in order 77321", top.exampleMessage());
        assertEquals(NFE, top.exceptionClass());
        assertEquals("DATA", top.category());
        assertEquals("VALIDATION", top.errorType());
        assertEquals("load", top.stepName());
        assertEquals(on("2026-11-18"), top.firstSeen());
        assertEquals(on("2026-11-19"), top.lastSeen());
        assertEquals("Fix the data and reprocess", top.recommendation());
        assertEquals(List.of(10L, 3L, 2L), report.patterns().stream().map(PatternEntry::occurrences).toList());
    }

    @Test
    void trendsCompareWithThePreviousWindowOfTheSameLengthAtPlusMinusTwentyPercent() {
        long run = history.start("p", on("2026-11-01"));
        Map<String, int[]> counts = Map.of( // exception class -> {previous window, current window}
                "Rising", new int[] {10, 13},
                "SteadyUp", new int[] {10, 12},
                "SteadyDown", new int[] {10, 8},
                "Falling", new int[] {10, 7},
                "New", new int[] {0, 5});
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            if (e.getValue()[0] > 0) errors(run, "p", e.getKey(), "failed", e.getValue()[0], "2026-11-10");
            errors(run, "p", e.getKey(), "failed", e.getValue()[1], "2026-11-16");
        }
        Map<String, PatternEntry> byClass = reports.patterns(PatternQuery.of("p")).patterns().stream()
                .collect(Collectors.toMap(PatternEntry::exceptionClass, Function.identity()));
        assertEquals(Trend.RISING, byClass.get("Rising").trend());
        assertEquals(Trend.STEADY, byClass.get("SteadyUp").trend());
        assertEquals(Trend.STEADY, byClass.get("SteadyDown").trend());
        assertEquals(Trend.FALLING, byClass.get("Falling").trend());
        assertEquals(Trend.NEW, byClass.get("New").trend());
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            assertEquals(e.getValue()[0], byClass.get(e.getKey()).previousOccurrences(), e.getKey());
            assertEquals(e.getValue()[1], byClass.get(e.getKey()).occurrences(), e.getKey());
        }
    }

    @Test
    void theWindowIsTheLastNUtcDaysTodayIncludedAndThePreviousWindowPrecedesIt() {
        long run = history.start("p", on("2026-11-01"));
        String fp = errors(run, "p", "E", "boom", 4, "2026-11-13");        // previous window's last day
        errors(run, "p", "E", "boom", 3, "2026-11-14");                    // window's first day
        errors(run, "p", "E", "boom", 2, "2026-11-20");                    // today
        errors(run, "p", "E", "boom", 100, "2026-11-06");                  // before both windows
        PatternReport r = reports.patterns(PatternQuery.of("p"));
        assertEquals(LocalDate.parse("2026-11-14"), r.from());
        assertEquals(LocalDate.parse("2026-11-20"), r.to());
        assertEquals(LocalDate.parse("2026-11-07"), r.previousFrom());
        assertEquals(LocalDate.parse("2026-11-13"), r.previousTo());
        assertEquals(1, r.patterns().size());
        assertEquals(fp, r.patterns().get(0).fingerprint());
        assertEquals(5, r.patterns().get(0).occurrences());
        assertEquals(4, r.patterns().get(0).previousOccurrences());
        assertEquals(Trend.RISING, r.patterns().get(0).trend());
        assertEquals(109, r.patterns().get(0).totalOccurrences());

        PatternReport oneDay = reports.patterns(PatternQuery.builder().pipeline("p").days(1).build());
        assertEquals(2, oneDay.patterns().get(0).occurrences());
        assertEquals(0, oneDay.patterns().get(0).previousOccurrences());
    }

    @Test
    void topNKeepsTheMostFrequentAndEveryRowNamesItsPipeline() {
        long a = history.start("alpha", on("2026-11-15"));
        long b = history.start("beta", on("2026-11-15"));
        for (int i = 1; i <= 12; i++) errors(a, "alpha", "E" + i, "failure kind " + (char) ('a' + i), i, "2026-11-15");
        // the same failure in another pipeline is another pattern
        String same = errors(b, "beta", "E12", "failure kind " + (char) ('a' + 12), 50, "2026-11-16");

        PatternReport all = reports.patterns(PatternQuery.defaults());
        assertEquals(10, all.patterns().size());
        assertEquals(13, all.patternsInWindow());
        assertEquals("beta", all.patterns().get(0).pipeline());
        assertEquals(same, all.patterns().get(0).fingerprint());
        assertEquals("alpha", all.patterns().get(1).pipeline());
        assertEquals(same, all.patterns().get(1).fingerprint());
        assertEquals(12, all.patterns().get(1).occurrences());
        assertEquals(4, all.patterns().get(9).occurrences()); // 50, then 12 down to 4

        PatternReport alpha = reports.patterns(PatternQuery.builder().pipeline("alpha").top(3).build());
        assertEquals(List.of(12L, 11L, 10L), alpha.patterns().stream().map(PatternEntry::occurrences).toList());
        assertTrue(alpha.patterns().stream().allMatch(p -> p.pipeline().equals("alpha")));
        assertEquals(12, alpha.patternsInWindow());
        assertEquals("alpha", alpha.pipeline());
    }

    @Test
    void queriesRefuseBadValuesNamingTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PatternQuery.builder().top(0)).getMessage()
                .startsWith("top"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PatternQuery.builder().days(0)).getMessage()
                .startsWith("days"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PatternQuery.builder().pipeline("")).getMessage()
                .startsWith("pipeline"));
        assertEquals(new PatternQuery(null, 10, 7), PatternQuery.defaults());
    }
}
