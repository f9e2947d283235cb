package io.etlrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.pipeline.BatchStep;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.Sink;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.runner.RunStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandsWhileRunningTest {

    @TempDir
    Path dir;

    @Test
    void everyReportCommandAnswersWhileARunHoldsItsBatchTransactionOpen() throws Exception {
        try (ReportHistory history = ReportHistory.standard(dir)) {
            // Given a run whose sink has written a batch into its open transaction and waits there
            CountDownLatch writing = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ReportHistory.OutputTable table = new ReportHistory.OutputTable();
            Sink<String[]> blocking = (items, ctx) -> {
                table.write(items, ctx);
                writing.countDown();
                if (!release.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
            };
            List<String> lines = new ArrayList<>();
            for (int i = 1; i <= 25; i++) lines.add(i + (i == 7 ? ",bad" : ",w" + i));
            Pipeline p = Pipeline.named("orders").beforeRun(c -> c.createStatement().execute(ReportHistory.OutputTable.DDL))
                    .step(BatchStep.reading("load", new ReportHistory.Lines(lines))
                            .process("validate", (String[] r) -> {
                                if (r[1].equals("bad")) throw new io.etlrecovery.pipeline.ValidationException("bad " + r[0]);
                                return r;
                            }).writeTo(blocking)).build();
            CompletableFuture<RunResult> running = CompletableFuture.supplyAsync(
                    () -> PipelineRunner.builder(history.store).clock(Clock.systemUTC()).batchSize(10).build().run(p));
            assertTrue(writing.await(60, TimeUnit.SECONDS), "the run reached its first write");

            // When every report command runs against the same store
            Path report = dir.resolve("live.html");
            List<String[]> commands = List.of(new String[] {"budget"}, new String[] {"patterns"},
                    new String[] {"failures"}, new String[] {"failures", "--by", "run"}, new String[] {"health"},
                    new String[] {"purge", "--older-than-days", "30"},
                    new String[] {"report", "--out", report.toString()});
            try {
                for (String[] args : commands) {
                    CliRun run = history.cli(Clock.systemUTC(), args);
                    // Then each answers at once (no lock wait) and succeeds
                    assertEquals(0, run.exitCode(), run::toString);
                }
                assertTrue(history.cli(Clock.systemUTC(), "failures", "--by", "run", "--pipeline", "orders").out()
                        .contains("RUNNING"), "the run in progress is listed");
            } finally {
                release.countDown();
            }
            RunResult result = running.get(60, TimeUnit.SECONDS);
            assertEquals(RunStatus.SUCCEEDED, result.status());
            assertEquals(25, result.recordsRead());
            assertEquals(1, result.recordsQuarantined());
        }
    }
}
