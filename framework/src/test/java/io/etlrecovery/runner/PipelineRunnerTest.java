package io.etlrecovery.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.pipeline.BatchStep;
import io.etlrecovery.pipeline.CheckpointStrategy;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.TaskStep;
import io.etlrecovery.pipeline.ValidationException;
import io.etlrecovery.store.CheckpointRow;
import io.etlrecovery.store.QuarantineRow;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import io.etlrecovery.testing.ManualClock;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineRunnerTest {

    @TempDir
    Path dir;

    Store store;
    ManualClock clock = new ManualClock(Instant.parse("2026-11-01T08:00:00Z"));

    @BeforeEach
    void openStore() {
        store = Store.open(StoreConfig.ofH2File(dir.resolve("store")));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private PipelineRunner.Builder runner() {
        return PipelineRunner.builder(store).clock(clock).sleeper(d -> clock.advance(d)).batchSize(10);
    }

    private static List<String> items(int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= n; i++) lines.add(i + ",v" + i);
        return lines;
    }

    private static String[] validate(String[] r) throws ValidationException {
        if (r.length != 2) throw new ValidationException("expected 2 fields, got " + r.length);
        if (r[1].equals("bad")) throw new ValidationException("value", "value must not be 'bad'");
        return r;
    }

    private Pipeline pipeline(String name, ListSource source, ItemsSink sink, BatchStepCustomizer custom) {
        BatchStep.Builder<String[], String[]> step = BatchStep.reading("load", source)
                .process("validate", PipelineRunnerTest::validate);
        custom.apply(step);
        return Pipeline.named(name).beforeRun(c -> c.createStatement().execute(ItemsSink.DDL)).step(step.writeTo(sink)).build();
    }

    interface BatchStepCustomizer {
        void apply(BatchStep.Builder<String[], String[]> b);
    }

    private long count(String sql) throws SQLException {
        return store.withSession(s -> {
            try (var st = s.connection().createStatement(); var rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void goodRecordsAreLoadedAndBadOnesQuarantinedWithTheirRawTextBatchByBatch() throws Exception {
        List<String> lines = items(25);
        lines.set(4, "5,bad");
        lines.set(12, "!13 garbage");
        lines.set(20, "21,x,extra");
        ListSource source = new ListSource(lines, "fp-1");
        ItemsSink sink = new ItemsSink();

        RunResult r = runner().build().run(pipeline("items", source, sink, b -> { }));

        assertEquals(RunStatus.SUCCEEDED, r.status());
        assertEquals(25, r.recordsRead());
        assertEquals(22, r.recordsLoaded());
        assertEquals(3, r.recordsQuarantined());
        assertEquals(22, count("SELECT COUNT(*) FROM ITEMS"));
        assertEquals(3, sink.writes, "one sink write per batch of 10");
        List<QuarantineRow> q = store.withSession(s -> s.quarantine().page("items", r.runId(), null, 0, 100));
        assertEquals(List.of("5,bad", "!13 garbage", "21,x,extra"), q.stream().map(QuarantineRow::rawRecord).toList());
        assertEquals(List.of(5L, 13L, 21L), q.stream().map(QuarantineRow::recordNumber).toList());
        assertEquals("load:read", q.get(1).stepName());
        assertEquals("DATA", q.get(0).category());
        assertTrue(q.get(0).errorMessage().contains("must not be 'bad'"), q.get(0).errorMessage());
        assertEquals("{\"id\":\"5\",\"value\":\"bad\"}", q.get(0).parsedRecord());
        // each quarantined record has its error row, committed with it
        assertTrue(q.stream().allMatch(x -> x.errorId() != null));
        assertEquals(3, count("SELECT COUNT(*) FROM ERROR_DETAILS WHERE OUTCOME = 'QUARANTINED'"));
        List<CheckpointRow> cps = store.withSession(s -> s.checkpoints().latestPerStep(r.runId()));
        assertEquals(CheckpointRow.COMPLETED, cps.get(0).stepStatus());
        assertEquals(25, cps.get(0).recordsProcessed());
        assertEquals(4, count("SELECT COUNT(*) FROM CHECKPOINTS"), "3 batches and the completion mark");
        RunRow run = store.withSession(s -> s.runs().find(r.runId())).orElseThrow();
        assertEquals("SUCCEEDED", run.status());
        assertEquals(25, run.recordsRead());
        assertEquals(3, run.recordsQuarantined());
        assertTrue(store.withSession(s -> s.locks().find("items")).isEmpty(), "the lock is released");
        assertTrue(count("SELECT COUNT(*) FROM ERROR_PATTERNS WHERE PIPELINE = 'items'") >= 2);
    }

    @Test
    void aRunStoppedByAConfigurationFailureResumesAfterItsLastCommittedBatch() throws Exception {
        ListSource source = new ListSource(items(35), "fp-2");
        ItemsSink sink = new ItemsSink();
        AtomicBoolean broken = new AtomicBoolean(true);
        Pipeline p = pipeline("cfg", source, sink, b -> b.process("lookup", (String[] r) -> {
            if (r[0].equals("17") && broken.get()) throw new SQLException("permission denied for table rates", "42501");
            return r;
        }));

        RunResult first = runner().build().run(p);
        assertEquals(RunStatus.FAILED, first.status());
        assertEquals(1, first.exitCode());
        assertTrue(first.stopReason().contains("permission denied"), first.stopReason());
        assertEquals(10, count("SELECT COUNT(*) FROM ITEMS"), "only the batch before the failure committed");
        assertEquals(0, count("SELECT COUNT(*) FROM QUARANTINED_RECORDS"), "a configuration failure quarantines nothing");

        broken.set(false);
        RunResult second = runner().build().run(p);
        assertEquals(RunStatus.SUCCEEDED, second.status());
        assertTrue(second.resumed());
        assertEquals(first.runId(), second.runId(), "the same run is resumed");
        assertEquals(10, second.resumedFromRecord());
        assertEquals(35, count("SELECT COUNT(*) FROM ITEMS"));
        assertEquals(35, count("SELECT COUNT(DISTINCT ID) FROM ITEMS"));
        assertEquals(35, second.recordsRead(), "counts cover the whole run over its resumes");
        RunRow run = store.withSession(s -> s.runs().find(first.runId())).orElseThrow();
        assertEquals(1, run.resumeCount());
        assertEquals(1, count("SELECT COUNT(*) FROM RECOVERY_ACTIONS WHERE ACTION = 'RUN_RESUMED'"));
    }

    @Test
    void theNextBatchIsProcessedWhileThePreviousOneCommitsYetBatchesCommitInOrder() throws Exception {
        java.util.concurrent.CountDownLatch secondBatchProcessing = new java.util.concurrent.CountDownLatch(1);
        List<Boolean> overlapped = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> committedOrder = java.util.Collections.synchronizedList(new ArrayList<>());
        ItemsSink items = new ItemsSink();
        io.etlrecovery.pipeline.Sink<String[]> sink = (batch, ctx) -> {
            if (ctx.batchNumber() == 1) {
                // batch 1's transaction stays open until batch 2's processing has begun: only an overlap lets it
                overlapped.add(secondBatchProcessing.await(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            committedOrder.add(ctx.batchNumber());
            items.write(batch, ctx);
        };
        Pipeline p = Pipeline.named("overlap").beforeRun(c -> c.createStatement().execute(ItemsSink.DDL))
                .step(BatchStep.reading("load", new ListSource(items(30), "fp-overlap"))
                        .process("mark", (String[] r) -> {
                            if (Integer.parseInt(r[0]) > 10) secondBatchProcessing.countDown();
                            return r;
                        })
                        .writeTo(sink))
                .build();

        RunResult r = runner().build().run(p);

        assertEquals(RunStatus.SUCCEEDED, r.status());
        assertEquals(List.of(true), overlapped, "batch 2 was processed while batch 1 was being written");
        assertEquals(List.of(1L, 2L, 3L), committedOrder);
        assertEquals(30, count("SELECT COUNT(DISTINCT ID) FROM ITEMS"));
        List<CheckpointRow> cps = store.withSession(s -> s.checkpoints().latestPerStep(r.runId()));
        assertEquals(30, cps.get(0).recordsProcessed());
    }

    @Test
    void whenABatchFailsToCommitTheNextOneAlreadyProcessedIsNotLoadedAndTheResumeStartsAtTheFailedBatch() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        AtomicInteger processedPastBatch2 = new AtomicInteger();
        ItemsSink items = new ItemsSink();
        io.etlrecovery.pipeline.Sink<String[]> sink = (batch, ctx) -> {
            if (ctx.batchNumber() == 2 && broken.get()) throw new SQLException("permission denied for table ITEMS", "42501");
            items.write(batch, ctx);
        };
        Pipeline p = Pipeline.named("commitfail").beforeRun(c -> c.createStatement().execute(ItemsSink.DDL))
                .step(BatchStep.reading("load", new ListSource(items(40), "fp-commitfail"))
                        .process("count", (String[] r) -> {
                            if (Integer.parseInt(r[0]) > 20) processedPastBatch2.incrementAndGet();
                            return r;
                        })
                        .writeTo(sink))
                .build();

        RunResult first = runner().build().run(p);

        assertEquals(RunStatus.FAILED, first.status(), first.stopReason());
        assertEquals(10, count("SELECT COUNT(*) FROM ITEMS"), "batch 1 only");
        assertEquals(10, first.recordsRead(), "the counts are those of the committed batches");
        assertTrue(processedPastBatch2.get() <= 10, "at most the one batch after the failed one was processed ahead");
        assertEquals(1, store.withSession(s -> s.checkpoints().latest(first.runId(), "load")).orElseThrow().batchNumber());

        broken.set(false);
        RunResult second = runner().build().run(p);
        assertEquals(RunStatus.SUCCEEDED, second.status());
        assertEquals(10, second.resumedFromRecord());
        assertEquals(40, count("SELECT COUNT(DISTINCT ID) FROM ITEMS"));
        assertEquals(40, count("SELECT COUNT(*) FROM ITEMS"));
    }

    @Test
    void aSinkConstraintViolationQuarantinesOnlyTheOffendingRecord() throws Exception {
        List<String> lines = items(10);
        lines.set(6, "3,dup"); // record 7 repeats key 3
        ItemsSink sink = new ItemsSink();
        RunResult r = runner().build().run(pipeline("dups", new ListSource(lines, "fp-3"), sink, b -> { }));
        assertEquals(RunStatus.SUCCEEDED, r.status());
        assertEquals(9, count("SELECT COUNT(*) FROM ITEMS"));
        assertEquals(9, r.recordsLoaded());
        List<QuarantineRow> q = store.withSession(s -> s.quarantine().page("dups", null, null, 0, 10));
        assertEquals(1, q.size());
        assertEquals("3,dup", q.get(0).rawRecord());
        assertEquals("load:write", q.get(0).stepName());
        assertEquals("CONSTRAINT_VIOLATION", q.get(0).errorType());
    }

    @Test
    void theErrorThresholdStopsTheRunResumablyWithItsCheckpointIntact() throws Exception {
        List<String> lines = items(60);
        for (int i = 0; i < 60; i += 4) lines.set(i, (i + 1) + ",bad"); // 25% bad
        PipelineRunner r = runner().errorThreshold(0.10, 20).build();
        RunResult result = r.run(pipeline("thresh", new ListSource(lines, "fp-4"), new ItemsSink(), b -> { }));
        assertEquals(RunStatus.STOPPED, result.status());
        assertEquals(3, result.exitCode());
        assertEquals(20, result.recordsRead(), "judged once 20 records were read");
        assertTrue(result.stopReason().contains("error threshold"), result.stopReason());
        assertEquals(15, count("SELECT COUNT(*) FROM ITEMS"));
        RunRow run = store.withSession(s -> s.runs().find(result.runId())).orElseThrow();
        assertEquals("STOPPED", run.status());
    }

    @Test
    void parallelProcessingKeepsExactlyOnceAndInputOrderOfCommits() throws Exception {
        List<String> lines = items(500);
        for (int i = 9; i < 500; i += 50) lines.set(i, (i + 1) + ",bad");
        Pipeline p = Pipeline.named("par").beforeRun(c -> c.createStatement().execute(ItemsSink.DDL))
                .step(BatchStep.reading("load", new ListSource(lines, "fp-5"))
                        .process("validate", PipelineRunnerTest::validate)
                        .writeTo(new ItemsSink()).threads(4)).build();
        RunResult r = runner().batchSize(50).build().run(p);
        assertEquals(RunStatus.SUCCEEDED, r.status());
        assertEquals(490, count("SELECT COUNT(DISTINCT ID) FROM ITEMS"));
        assertEquals(490, count("SELECT COUNT(*) FROM ITEMS"));
        assertEquals(10, count("SELECT COUNT(*) FROM QUARANTINED_RECORDS"));
        List<Long> lastRecords = store.withSession(s -> {
            List<Long> l = new ArrayList<>();
            try (var st = s.connection().createStatement();
                 var rs = st.executeQuery("SELECT LAST_RECORD_NUMBER FROM CHECKPOINTS WHERE STEP_STATUS = 'IN_PROGRESS' ORDER BY BATCH_NUMBER")) {
                while (rs.next()) l.add(rs.getLong(1));
            }
            return l;
        });
        assertEquals(List.of(50L, 100L, 150L, 200L, 250L, 300L, 350L, 400L, 450L, 500L), lastRecords);
    }

    @Test
    void aSecondLoadOfTheSameInputIsRefusedUnlessForced() throws Exception {
        ListSource source = new ListSource(items(5), "same-fp");
        PipelineRunner r = runner().build();
        RunResult first = r.run(pipeline("once", source, new ItemsSink(), b -> { }));
        var e = assertThrows(RunRefusedException.class, () -> r.run(pipeline("once", source, new ItemsSink(), b -> { })));
        assertEquals(RunRefusedException.Reason.ALREADY_LOADED, e.reason());
        assertTrue(e.getMessage().contains("run " + first.runId()), e.getMessage());
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        // forced: loads again (the items table refuses duplicates, so they are quarantined, not lost)
        RunResult forced = r.run(pipeline("once", source, new ItemsSink(), b -> { }), RunOptions.defaults().withForce(true));
        assertEquals(RunStatus.SUCCEEDED, forced.status());
    }

    @Test
    void resumingOverChangedInputIsRefusedAndRestartRollsBackAndStartsAfresh() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        BatchStepCustomizer failAt15 = b -> b.process("lookup", (String[] r) -> {
            if (r[0].equals("15") && broken.get()) throw new SQLException("password authentication failed", "28P01");
            return r;
        });
        RunResult first = runner().build().run(pipeline("chg", new ListSource(items(20), "fp-A"), new ItemsSink(), failAt15));
        assertEquals(RunStatus.FAILED, first.status());
        assertEquals(10, count("SELECT COUNT(*) FROM ITEMS"));

        var e = assertThrows(RunRefusedException.class,
                () -> runner().build().run(pipeline("chg", new ListSource(items(20), "fp-B"), new ItemsSink(), failAt15)));
        assertEquals(RunRefusedException.Reason.INPUT_CHANGED, e.reason());
        assertTrue(e.getMessage().contains("--restart"), e.getMessage());

        broken.set(false);
        RunResult restarted = runner().build().run(pipeline("chg", new ListSource(items(20), "fp-B"), new ItemsSink(), failAt15),
                RunOptions.defaults().withMode(RunMode.RESTART));
        assertEquals(RunStatus.SUCCEEDED, restarted.status());
        assertFalse(restarted.resumed());
        assertEquals(20, count("SELECT COUNT(*) FROM ITEMS"));
        assertEquals(20, count("SELECT COUNT(*) FROM ITEMS WHERE RUN_ID = " + restarted.runId()));
        assertEquals("ABANDONED", store.withSession(s -> s.runs().find(first.runId())).orElseThrow().status());
    }

    @Test
    void aRunOfAPipelineWhoseLockIsHeldByALiveProcessIsRefusedAndADeadOneIsTakenOver() throws Exception {
        long other = store.inTransaction(s -> s.runs().create("locked", clock.instant(), io.etlrecovery.runner.internal.Host.NAME,
                ProcessHandle.current().pid(), null, null, null));
        store.useTransaction(s -> s.locks().insert("locked", other, io.etlrecovery.runner.internal.Host.NAME,
                ProcessHandle.current().pid(), clock.instant()));
        var e = assertThrows(RunRefusedException.class,
                () -> runner().build().run(pipeline("locked", new ListSource(items(3), null), new ItemsSink(), b -> { })));
        assertEquals(RunRefusedException.Reason.ACTIVE_RUN, e.reason());
        assertTrue(e.getMessage().contains("run " + other) && e.getMessage().contains("pid " + ProcessHandle.current().pid()),
                e.getMessage());

        // the holder's process is gone (a real process that has exited): taken over at once, and its run resumed
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        gone.waitFor();
        store.useTransaction(s -> s.connection().createStatement().execute("UPDATE PIPELINE_LOCKS SET PID = " + gone.pid()));
        RunResult r = runner().build().run(pipeline("locked", new ListSource(items(3), null), new ItemsSink(), b -> { }));
        assertEquals(RunStatus.SUCCEEDED, r.status());
        assertEquals(other, r.runId(), "the dead run is resumed, not duplicated");
    }

    @Test
    void aLockFromAnotherHostIsTakenOverOnlyOnceItsHeartbeatIsStale() throws Exception {
        long other = store.inTransaction(s -> s.runs().create("remote", clock.instant(), "other-host", 4242, null, null, null));
        store.useTransaction(s -> s.locks().insert("remote", other, "other-host", 4242, clock.instant()));
        PipelineRunner r = runner().heartbeatTimeout(Duration.ofMinutes(2)).build();
        clock.advance(Duration.ofSeconds(30));
        var e = assertThrows(RunRefusedException.class,
                () -> r.run(pipeline("remote", new ListSource(items(3), null), new ItemsSink(), b -> { })));
        assertTrue(e.getMessage().contains("other-host"), e.getMessage());
        clock.advance(Duration.ofMinutes(3));
        RunResult result = r.run(pipeline("remote", new ListSource(items(3), null), new ItemsSink(), b -> { }));
        assertEquals(RunStatus.SUCCEEDED, result.status());
        assertEquals(other, result.runId());
    }

    @Test
    void eachCheckpointStrategyEndsBatchesWhereItSays() throws Exception {
        // every N records
        runStrategy("by-count", CheckpointStrategy.everyRecords(7), 20, null);
        assertEquals(List.of(7L, 14L, 20L), lastRecordsOf("by-count"));
        // every duration: reading each record takes 1 s by the clock; a batch ends 5 s after its first record
        runStrategy("by-time", CheckpointStrategy.every(Duration.ofSeconds(5)), 20, Duration.ofSeconds(1));
        assertEquals(List.of(6L, 12L, 18L, 20L), lastRecordsOf("by-time"));
        // whichever first
        runStrategy("either", CheckpointStrategy.everyRecordsOr(4, Duration.ofSeconds(2)), 10, Duration.ofSeconds(1));
        assertEquals(List.of(3L, 6L, 9L, 10L), lastRecordsOf("either"));
        // custom predicate: end a batch at every record whose id is a multiple of 6
        runStrategy("custom", CheckpointStrategy.when(p -> p.lastRecord().position().recordNumber() % 6 == 0), 14, null);
        assertEquals(List.of(6L, 12L, 14L), lastRecordsOf("custom"));
    }

    private void runStrategy(String name, CheckpointStrategy strategy, int n, Duration perRecord) throws Exception {
        ListSource source = new ListSource(items(n), null);
        if (perRecord != null) source.onNext = () -> clock.advance(perRecord); // reading a record takes this long
        Pipeline p = Pipeline.named(name).beforeRun(c -> c.createStatement().execute(ItemsSink.DDL))
                .step(BatchStep.reading("load", source)
                        .process("offset", (String[] r) -> new String[] {Long.toString(Long.parseLong(r[0]) + name.hashCode() * 1000L), r[1]})
                        .writeTo(new ItemsSink()).checkpoint(strategy)).build();
        assertEquals(RunStatus.SUCCEEDED, runner().build().run(p).status());
    }

    private List<Long> lastRecordsOf(String pipeline) throws SQLException {
        return store.withSession(s -> {
            List<Long> l = new ArrayList<>();
            try (var ps = s.connection().prepareStatement("SELECT LAST_RECORD_NUMBER FROM CHECKPOINTS WHERE PIPELINE = ? "
                    + "AND STEP_STATUS = 'IN_PROGRESS' ORDER BY BATCH_NUMBER")) {
                ps.setString(1, pipeline);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) l.add(rs.getLong(1));
                }
            }
            return l;
        });
    }

    @Test
    void rollingBackARunRemovesWhatItLoadedAndKeepsItsQuarantine() throws Exception {
        List<String> lines = items(12);
        lines.set(2, "3,bad");
        Pipeline p = pipeline("rb", new ListSource(lines, "fp-rb"), new ItemsSink(), b -> { });
        RunResult r = runner().build().run(p);
        assertEquals(11, count("SELECT COUNT(*) FROM ITEMS"));
        long removed = Runs.on(store).rollback(p, r.runId());
        assertEquals(11, removed);
        assertEquals(0, count("SELECT COUNT(*) FROM ITEMS"));
        assertEquals("ROLLED_BACK", store.withSession(s -> s.runs().find(r.runId())).orElseThrow().status());
        assertEquals(1, count("SELECT COUNT(*) FROM QUARANTINED_RECORDS WHERE STATUS = 'QUARANTINED'"));
        assertEquals(1, count("SELECT COUNT(*) FROM RECOVERY_ACTIONS WHERE ACTION = 'RUN_ROLLED_BACK'"));
    }

    @Test
    void taskStepsRunOnceAndAreSkippedWhenTheRunResumes() throws Exception {
        AtomicInteger taskRuns = new AtomicInteger();
        AtomicBoolean failSecond = new AtomicBoolean(true);
        Pipeline p = Pipeline.named("tasks").beforeRun(c -> c.createStatement().execute(
                        "CREATE TABLE IF NOT EXISTS MARKS (N INT)"))
                .step(TaskStep.of("first", ctx -> {
                    taskRuns.incrementAndGet();
                    ctx.connection().createStatement().execute("INSERT INTO MARKS VALUES (1)");
                }))
                .step(TaskStep.of("second", ctx -> {
                    if (failSecond.get()) throw new SQLException("relation \"x\" does not exist", "42P01");
                    ctx.connection().createStatement().execute("INSERT INTO MARKS VALUES (2)");
                }))
                .build();
        RunResult first = runner().build().run(p);
        assertEquals(RunStatus.FAILED, first.status());
        failSecond.set(false);
        RunResult second = runner().build().run(p);
        assertEquals(RunStatus.SUCCEEDED, second.status());
        assertEquals(1, taskRuns.get(), "the completed task is not run again");
        assertEquals(2, count("SELECT COUNT(*) FROM MARKS"));
        Set<String> done = new HashSet<>(store.withSession(s -> s.checkpoints().latestPerStep(first.runId()))
                .stream().map(c -> c.stepName() + "=" + c.stepStatus()).toList());
        assertEquals(Set.of("first=COMPLETED", "second=COMPLETED"), done);
    }

    @Test
    void aSinkFailingTransientlyIsRetriedUnderTheTransientPolicyAndStopsResumablyWhenItIsExhausted() throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(2);
        ItemsSink items = new ItemsSink();
        io.etlrecovery.pipeline.Sink<String[]> flaky = (batch, ctx) -> {
            if (failuresLeft.getAndDecrement() > 0) throw new SQLException("could not serialize access", "40001");
            items.write(batch, ctx);
        };
        List<Duration> sleeps = new ArrayList<>();
        PipelineRunner runner = runner().sleeper(d -> {
            sleeps.add(d);
            clock.advance(d);
        }).build();
        Pipeline p = Pipeline.named("flaky-sink").beforeRun(c -> c.createStatement().execute(ItemsSink.DDL))
                .step(BatchStep.reading("load", new ListSource(items(5), "fp-flaky"))
                        .process("validate", PipelineRunnerTest::validate).writeTo(flaky)).build();

        RunResult ok = runner.run(p);
        assertEquals(RunStatus.SUCCEEDED, ok.status());
        assertEquals(5, count("SELECT COUNT(*) FROM ITEMS"));
        // the default TRANSIENT policy: exponential from 1 s, x2, +-25% jitter
        assertEquals(2, sleeps.size(), sleeps.toString());
        assertTrue(sleeps.get(0).toMillis() >= 750 && sleeps.get(0).toMillis() <= 1250, sleeps.toString());
        assertTrue(sleeps.get(1).toMillis() >= 1500 && sleeps.get(1).toMillis() <= 2500, sleeps.toString());

        failuresLeft.set(Integer.MAX_VALUE);
        sleeps.clear();
        Pipeline again = Pipeline.named("flaky-sink-2").beforeRun(c -> c.createStatement().execute(ItemsSink.DDL))
                .step(BatchStep.reading("load", new ListSource(List.of("101,a", "102,b"), "fp-flaky-2"))
                        .process("validate", PipelineRunnerTest::validate).writeTo(flaky)).build();
        RunResult stopped = runner.run(again);
        assertEquals(RunStatus.STOPPED, stopped.status());
        assertEquals(3, stopped.exitCode());
        assertEquals(4, sleeps.size(), "5 attempts in all: " + sleeps);
        assertTrue(stopped.stopReason().contains("could not serialize access"), stopped.stopReason());
        assertEquals(5, count("SELECT COUNT(*) FROM ITEMS"), "nothing of the failed batch was committed");
    }


    @Test
    void retriesCountOnlyAttemptsBeyondTheFirstOfEachStage() throws Exception {
        AtomicInteger flakyLeft = new AtomicInteger(2);
        Pipeline p = pipeline("retries", new ListSource(items(20), "fp-retries"), new ItemsSink(), b -> b
                .process("enrich", (String[] r) -> r)
                .process("lookup", (String[] r) -> {
                    if (r[0].equals("7") && flakyLeft.getAndDecrement() > 0) {
                        throw new java.net.SocketTimeoutException("Read timed out");
                    }
                    return r;
                }));

        RunResult r = runner().build().run(p);

        assertEquals(RunStatus.SUCCEEDED, r.status());
        assertEquals(20, r.recordsLoaded());
        assertEquals(2, r.retries(), "three stages per record, one record retried twice");
    }


    @Test
    void aRecordFallbackReceivesTheRecordItReplacesAndItsResultIsLoaded() throws Exception {
        io.etlrecovery.recovery.CallOptions<String[]> noRetry = io.etlrecovery.recovery.CallOptions.<String[]>builder()
                .retry(io.etlrecovery.recovery.RetryPolicy.none()).build();
        Pipeline p = pipeline("fallback", new ListSource(items(12), "fp-fallback"), new ItemsSink(), b -> b
                .process("lookup", (String[] r) -> {
                    if (Integer.parseInt(r[0]) % 4 == 0) throw new java.net.ConnectException("Connection refused");
                    return r;
                }, noRetry, (String[] r, io.etlrecovery.recovery.FailureInfo f) -> new String[] {r[0], "cached"}));

        RunResult r = runner().build().run(p);

        assertEquals(RunStatus.SUCCEEDED, r.status());
        assertEquals(12, r.recordsLoaded());
        assertEquals(0, r.recordsQuarantined(), "the fallback's results are loaded, nothing is quarantined");
        assertEquals(3, count("SELECT COUNT(*) FROM ITEMS WHERE VAL = 'cached' AND MOD(ID, 4) = 0"));
        assertEquals(3, count("SELECT COUNT(*) FROM RECOVERY_ACTIONS WHERE PIPELINE = 'fallback' AND ACTION = 'FALLBACK_USED'"));
        assertThrows(IllegalArgumentException.class, () -> BatchStep.reading("s", new ListSource(items(1), "x"))
                .process("p", (String[] x) -> x, io.etlrecovery.recovery.CallOptions.<String[]>builder()
                        .fallback(f -> null).build(), (String[] x, io.etlrecovery.recovery.FailureInfo f) -> x),
                "one fallback or the other, not two");
    }


    @Test
    void aConfigurationFilesCheckpointIntervalTimeEndsBatchesAsWellAsItsRecordCount() throws Exception {
        io.etlrecovery.recovery.RecoveryConfig config = io.etlrecovery.recovery.RecoveryConfig.builder()
                .checkpointInterval(100).checkpointIntervalTime(Duration.ofSeconds(5)).build();
        ListSource source = new ListSource(items(12), "fp-timed");
        source.onNext = () -> clock.advance(Duration.ofSeconds(1)); // reading a record takes a second
        Pipeline p = pipeline("timed", source, new ItemsSink(), b -> { });

        RunResult r = runner().config(config).build().run(p);

        assertEquals(RunStatus.SUCCEEDED, r.status());
        assertEquals(12, r.recordsLoaded());
        List<Long> ends = lastRecordsOf("timed");
        assertTrue(ends.size() >= 2 && ends.get(0) <= 6, "batches end every ~5 s, not every 100 records: " + ends);
    }

    @Test
    void aConfigurationFilesCallTimeoutBoundsEveryStageThatSetsNoneOfItsOwn() throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("timeout.call", "50ms");
        props.setProperty("policy.transient.maxAttempts", "1");
        io.etlrecovery.recovery.RecoveryConfig config = io.etlrecovery.recovery.RecoveryConfig.fromProperties("test", props);
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        io.etlrecovery.pipeline.Processor<String[], String[]> hangsOnRecord3 = r -> {
            if (r[0].equals("3")) {
                try {
                    never.await(30, java.util.concurrent.TimeUnit.SECONDS); // a call that hangs, until the timeout
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                    throw e;
                }
            }
            return r;
        };
        Pipeline p = pipeline("timeouts", new ListSource(items(5), "fp-timeout"), new ItemsSink(),
                b -> b.process("lookup", hangsOnRecord3));

        RunResult r = runner().config(config).build().run(p);

        assertEquals(RunStatus.SUCCEEDED, r.status(), r.stopReason());
        assertEquals(4, r.recordsLoaded());
        assertEquals(1, interrupted.get(), "the hanging call was interrupted by the configured timeout");
        List<QuarantineRow> q = store.withSession(s -> s.quarantine().page("timeouts", null, null, 0, 10));
        assertEquals(List.of("3,v3"), q.stream().map(QuarantineRow::rawRecord).toList());
        assertEquals("TRANSIENT", q.get(0).category());
        assertTrue(q.get(0).exceptionClass().endsWith("TimeoutException"), q.get(0).exceptionClass());

        // a stage's own timeout wins over the file's: a 200 ms call is not cut short at 50 ms
        io.etlrecovery.pipeline.Processor<String[], String[]> slowOnRecord3 = x -> {
            if (x[0].equals("13")) new java.util.concurrent.CountDownLatch(1).await(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            return x;
        };
        Pipeline own = pipeline("own-timeout", new ListSource(List.of("11,a", "12,b", "13,c", "14,d", "15,e"), "fp-own"),
                new ItemsSink(),
                b -> b.process("lookup", slowOnRecord3, io.etlrecovery.recovery.CallOptions.<String[]>builder()
                        .timeout(Duration.ofMinutes(5)).build()));
        RunResult ownRun = runner().config(config).build().run(own);
        assertEquals(5, ownRun.recordsLoaded(), "the stage's 5-minute timeout applied, not the file's 50 ms");
        never.countDown();
    }

    /** A source whose 15th read fails: batch 1 (records 1-10) is committing while batch 2 is read. */
    private static ListSource failingAtRecord15(List<String> lines, String fingerprint) {
        ListSource source = new ListSource(lines, fingerprint);
        AtomicInteger reads = new AtomicInteger();
        source.onNext = () -> {
            if (reads.incrementAndGet() == 15) throw new java.io.UncheckedIOException(new java.io.IOException("Input/output error"));
        };
        return source;
    }

    @Test
    void aBatchThatCommittedWhileTheNextReadFailedIsReportedToTheListeners() throws Exception {
        List<Long> committed = java.util.Collections.synchronizedList(new ArrayList<>());
        PipelineRunner r = runner().listener(new RunListener() {
            @Override
            public void onBatchCommitted(BatchCommitted e) {
                committed.add(e.batchNumber());
            }
        }).build();

        RunResult result = r.run(pipeline("read-fails", failingAtRecord15(items(30), "fp-read-fails"), new ItemsSink(), b -> { }));

        assertEquals(RunStatus.STOPPED, result.status());
        assertTrue(result.stopReason().startsWith("reading the input of step 'load' failed"), result.stopReason());
        assertEquals(10, count("SELECT COUNT(*) FROM ITEMS"));
        assertEquals(List.of(1L), committed);
    }

    @Test
    void aBatchThatCommittedWhileTheNextReadFailedIsJudgedByTheErrorThreshold() throws Exception {
        List<String> lines = items(30);
        for (int i = 0; i < 6; i++) lines.set(i, (i + 1) + ",bad"); // batch 1: 6 of 10 bad
        PipelineRunner r = runner().errorThreshold(0.5, 10).build();

        RunResult result = r.run(pipeline("read-fails-bad", failingAtRecord15(lines, "fp-read-fails-bad"), new ItemsSink(),
                b -> { }));

        assertEquals(RunStatus.STOPPED, result.status());
        assertTrue(result.stopReason().startsWith("error threshold passed: 6 of 10 records"), result.stopReason());
    }

    @Test
    void aSinkThatFailsOnTheWayRecordByRecordStopsTheRunAsAWriteFailure() throws Exception {
        ItemsSink items = new ItemsSink();
        io.etlrecovery.pipeline.Sink<String[]> sink = (batch, ctx) -> {
            if (batch.size() > 1) throw new java.sql.SQLDataException("value too long for column VAL", "22001");
            throw new IllegalStateException("the disk controller reported a fault");
        };
        Pipeline p = Pipeline.named("write-fails").beforeRun(c -> c.createStatement().execute(ItemsSink.DDL))
                .step(BatchStep.reading("load", new ListSource(items(5), "fp-write-fails")).writeTo(sink)).build();

        RunResult r = runner().build().run(p);

        assertEquals(RunStatus.STOPPED, r.status());
        assertTrue(r.stopReason().startsWith("writing batch 1 of step 'load' failed: "), r.stopReason());
        assertTrue(r.stopReason().contains("disk controller"), r.stopReason());
        assertEquals(0, count("SELECT COUNT(*) FROM ITEMS"));
        assertEquals(0, items.writes);
    }

    @Test
    void theBreakerThatTheNextBatchOpenedIsRecordedWhenThePreviousBatchEndsTheRun() throws Exception {
        io.etlrecovery.recovery.CallOptions<String[]> svc = io.etlrecovery.recovery.CallOptions.<String[]>builder()
                .dependency("svc").retry(io.etlrecovery.recovery.RetryPolicy.none())
                .onOpenCircuit(io.etlrecovery.recovery.OpenCircuitBehaviour.STOP).build();
        List<String> lines = items(20);
        lines.set(1, "2,bad"); // batch 1: 1 of 10 records quarantined, above the 5% threshold
        Pipeline p = pipeline("uncommitted", new ListSource(lines, "fp-uncommitted"), new ItemsSink(), b -> b
                .process("lookup", (String[] r) -> {
                    int id = Integer.parseInt(r[0]);
                    if (id > 10 && id <= 13) throw new java.net.ConnectException("Connection refused"); // batch 2
                    return r;
                }, svc));

        RunResult r = runner().errorThreshold(0.05, 1).build().run(p);

        assertEquals(RunStatus.STOPPED, r.status());
        assertTrue(r.stopReason().startsWith("error threshold passed"), r.stopReason());
        assertEquals(9, count("SELECT COUNT(*) FROM ITEMS"), "batch 1 committed, batch 2 not");
        assertEquals(1, count("SELECT COUNT(*) FROM RECOVERY_ACTIONS WHERE PIPELINE = 'uncommitted' "
                + "AND ACTION = 'BREAKER_OPENED'"), "batch 2 opened the breaker, whose state is stored");
    }

    @Test
    void aTaskStepThatAnOpenBreakerRefusedGetsItsFallbackAndNoErrorRow() throws Exception {
        io.etlrecovery.recovery.CircuitBreakerRegistry breakers = io.etlrecovery.recovery.CircuitBreakerRegistry.builder()
                .build();
        io.etlrecovery.recovery.CircuitBreaker b = breakers.breaker("mail");
        for (int i = 0; i < 10 && b.state() != io.etlrecovery.recovery.CircuitBreaker.State.OPEN; i++) {
            if (b.tryAcquirePermission()) b.onFailure();
        }
        assertEquals(io.etlrecovery.recovery.CircuitBreaker.State.OPEN, b.state());
        AtomicInteger calls = new AtomicInteger();
        Pipeline p = Pipeline.named("notify").step(TaskStep.of("mail", ctx -> calls.incrementAndGet())
                .withOptions(io.etlrecovery.recovery.CallOptions.<Object>builder().dependency("mail")
                        .fallback(f -> Boolean.FALSE).build())).build();

        RunResult r = runner().breakers(breakers).build().run(p);

        assertEquals(RunStatus.SUCCEEDED, r.status(), r.stopReason());
        assertEquals(0, calls.get(), "the open breaker refused the call");
        assertEquals(1, count("SELECT COUNT(*) FROM RECOVERY_ACTIONS WHERE PIPELINE = 'notify' AND ACTION = 'FALLBACK_USED'"));
        assertEquals(0, count("SELECT COUNT(*) FROM ERROR_DETAILS WHERE PIPELINE = 'notify'"),
                "a call never made is no error");
    }
}
