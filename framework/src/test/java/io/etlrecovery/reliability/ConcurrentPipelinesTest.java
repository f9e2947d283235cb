package io.etlrecovery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.io.CsvSource;
import io.etlrecovery.report.FailureQuery;
import io.etlrecovery.report.PatternQuery;
import io.etlrecovery.report.Reports;
import io.etlrecovery.runner.Runs;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four different pipelines run at once, each in its own JVM, on one H2 file store (shared through AUTO_SERVER,
 * writing into one shared table), while this JVM runs the report queries in a loop. No deadlock (the whole test
 * is bounded), no lost or duplicated rows, every run's counts exact.
 */
class ConcurrentPipelinesTest {
    private static final int PIPELINES = 4;

    @TempDir
    Path dir;

    @Test
    void fourPipelinesInFourJvmsAndAReportLoopShareOneStoreWithoutDeadlockOrLostRows() throws Exception {
        Path storePath = dir.resolve("store");
        String url = StoreConfig.ofH2File(storePath).url();
        List<CsvSource> sources = new ArrayList<>();
        for (int p = 1; p <= PIPELINES; p++) {
            StringBuilder csv = new StringBuilder("id,name\n");
            int rows = 800 + 200 * p;
            for (int i = 1; i <= rows; i++) {
                csv.append(i).append(',').append(i % (20 + p) == 0 ? "short" : "p" + p + "-" + i + ",x").append('\n');
            }
            // header has 3 columns: rows without the ",x" are bad
            csv.replace(0, "id,name".length(), "id,name,extra");
            sources.add(CsvSource.builder(Files.writeString(dir.resolve("in-" + p + ".csv"), csv.toString())).build());
        }
        List<Ledger.Expected> expected = new ArrayList<>();
        for (CsvSource s : sources) expected.add(Ledger.expect(s));

        try (Store store = Store.open(url)) {
            store.useTransaction(s -> s.connection().createStatement()
                    .execute("CREATE TABLE IF NOT EXISTS CONC_ROWS (ROW_JSON CLOB, RUN_ID BIGINT)"));
            assertTimeoutPreemptively(Duration.ofSeconds(150), () -> {
                AtomicBoolean done = new AtomicBoolean();
                AtomicInteger reportRounds = new AtomicInteger();
                AtomicReference<Throwable> reportFailure = new AtomicReference<>();
                Thread reporter = new Thread(() -> {
                    Reports reports = Reports.on(store);
                    Runs runs = Runs.on(store);
                    try {
                        while (!done.get()) {
                            for (int p = 1; p <= PIPELINES; p++) {
                                reports.budget("conc-" + p);
                                reports.patterns(PatternQuery.of("conc-" + p));
                            }
                            reports.failures(FailureQuery.defaults());
                            runs.list(null, null, null, 50);
                            reportRounds.incrementAndGet();
                        }
                    } catch (Throwable t) {
                        reportFailure.set(t);
                    }
                }, "report-loop");
                reporter.start();
                List<ChildJvm> children = new ArrayList<>();
                try {
                    for (int p = 1; p <= PIPELINES; p++) {
                        children.add(ChildJvm.start(List.of("-Xmx128m"), PipelineChild.class.getName(), url,
                                sources.get(p - 1).file().toString(), "conc-" + p, "CONC_ROWS", "50"));
                    }
                    for (int p = 1; p <= PIPELINES; p++) {
                        ChildJvm c = children.get(p - 1);
                        String result = c.awaitLine(l -> l.startsWith("RESULT"), 140);
                        assertTrue(result.startsWith("RESULT SUCCEEDED"), "conc-" + p + ": " + result + "\n" + c.output());
                        assertEquals(0, c.awaitExit(30));
                    }
                } finally {
                    done.set(true);
                    reporter.join();
                    for (ChildJvm c : children) c.close();
                }
                if (reportFailure.get() != null) throw new AssertionError("the report loop failed", reportFailure.get());
                assertTrue(reportRounds.get() > 0, "the reports ran while the pipelines did");
            });
            for (int p = 1; p <= PIPELINES; p++) {
                Ledger.assertAccounted(store, "conc-" + p, "CONC_ROWS", expected.get(p - 1));
            }
            long total = store.withSession(s -> {
                try (var st = s.connection().createStatement();
                     var rs = st.executeQuery("SELECT COUNT(*) FROM CONC_ROWS")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertEquals(expected.stream().mapToLong(e -> e.loaded().size()).sum(), total, "no stray rows");
        }
    }
}
