package io.etlrecovery.quarantine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.runner.RunStatus;
import io.etlrecovery.store.ActionRow;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import io.etlrecovery.testing.ManualClock;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineReprocessTest {

    @TempDir
    Path dir;

    Store store;
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    QuarantineFixture fixture = new QuarantineFixture();
    Quarantine quarantine;
    PipelineRunner runner;

    @BeforeEach
    void openStore() {
        store = Store.open(StoreConfig.ofH2File(dir.resolve("store")));
        quarantine = Quarantine.on(store).withClock(clock);
        runner = PipelineRunner.builder(store).clock(clock).sleeper(clock::advance).batchSize(3).build();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** Runs the fixture pipeline over {@code lines}; returns the run and the pipeline. */
    private RunResult load(Pipeline p) {
        RunResult r = runner.run(p);
        assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
        return r;
    }

    private static List<CSVRecord> readCsv(Path file) throws IOException {
        return CSVFormat.RFC4180.parse(new StringReader(Files.readString(file, StandardCharsets.UTF_8))).getRecords();
    }

    /** Rewrites {@code file} with {@code edit} applied to each data row (a list of cells), as a spreadsheet would. */
    private static void editExport(Path file, Function<List<String>, List<String>> edit) throws IOException {
        List<CSVRecord> records = readCsv(file);
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(sb, CSVFormat.RFC4180)) {
            p.printRecord(records.get(0).values());
            for (CSVRecord r : records.subList(1, records.size())) {
                List<String> cells = edit.apply(new ArrayList<>(List.of(r.values())));
                if (cells != null) p.printRecord(cells);
            }
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private QuarantinedRecord byRecordNumber(long recordNumber) {
        return quarantine.list(QuarantineQuery.builder().pipeline(QuarantineFixture.PIPELINE).limit(1000).build())
                .stream().filter(q -> q.recordNumber() == recordNumber).findFirst().orElseThrow();
    }

    @Test
    void correctedExportIsReprocessedLoadingFixedRowsAndKeepingStillBadOnesQuarantinedWithTheNewError() throws Exception {
        // Given a run that quarantined five of seven rows
        Path csv = QuarantineFixture.csv(dir.resolve("people.csv"),
                "1,alice,10.00",
                "2,bob,-5.00",            // negative: fixed in the export
                "3,carol,abc",            // not a number: "fixed" to a value that is still wrong
                "4,dave,7.00,EXTRA",      // a field too many: left as it is, so still fails
                "5,erin",                 // a field missing: filled in
                "6,frank,1.50",
                "7,=HYPERLINK(\"x\"),-1");  // a formula-like name and a negative amount: amount fixed
        Pipeline p = fixture.pipeline(csv);
        RunResult first = load(p);
        assertEquals(5, first.recordsQuarantined());

        // When the quarantine is exported, corrected and reprocessed
        Path export = dir.resolve("people-quarantine.csv");
        ExportResult exported = quarantine.export(QuarantineFixture.PIPELINE, OptionalLong.empty(), export);
        assertEquals(5, exported.records());
        assertEquals(List.of("quarantine_id", "id", "name", "amount", "_extra_1", "error_category", "error_message"),
                exported.columns());
        List<CSVRecord> rows = readCsv(export);
        assertEquals(exported.columns(), List.of(rows.get(0).values()));
        assertEquals(List.of("2", "bob", "'-5.00", "", "DATA"), List.of(rows.get(1).values()).subList(1, 6));
        assertTrue(rows.get(1).get(6).contains("negative"), rows.get(1).get(6));
        assertEquals(List.of("4", "dave", "7.00", "EXTRA"), List.of(rows.get(3).values()).subList(1, 5));
        assertEquals(List.of("5", "erin", "", ""), List.of(rows.get(4).values()).subList(1, 5), "a missing field is empty");
        assertEquals(List.of("7", "'=HYPERLINK(\"x\")", "'-1"), List.of(rows.get(5).values()).subList(1, 4),
                "cells starting with = or - are formula-escaped");
        editExport(export, cells -> {
            switch (cells.get(1)) {
                case "2" -> cells.set(3, "5.00");
                case "3" -> cells.set(3, "12.345");
                case "5" -> cells.set(3, "3.00");
                case "7" -> cells.set(3, "1");
                default -> { }
            }
            return cells;
        });
        clock.advance(java.time.Duration.ofHours(1));
        ReprocessResult result = quarantine.reprocess(runner, p, ReprocessRequest.fromExport(export));

        // Then the fixed rows are loaded by the reprocessing run and marked REPROCESSED with it
        long reRun = result.runId().orElseThrow();
        assertEquals(RunStatus.SUCCEEDED, result.status().orElseThrow());
        assertEquals(5, result.records());
        assertEquals(3, result.loaded());
        assertEquals(2, result.failedAgain());
        assertEquals(2, result.stillQuarantined());
        assertTrue(result.skipped().isEmpty());
        assertEquals(List.of("1|alice|10.00|" + first.runId(), "2|bob|5.00|" + reRun, "5|erin|3.00|" + reRun,
                        "6|frank|1.50|" + first.runId(), "7|=HYPERLINK(\"x\")|1.00|" + reRun),
                QuarantineFixture.people(store), "the formula escape is undone: the name is loaded as it was");
        for (long n : new long[] {2, 5, 7}) {
            QuarantinedRecord q = byRecordNumber(n);
            assertEquals(QuarantineStatus.REPROCESSED, q.status());
            assertEquals(reRun, q.reprocessedRunId());
            assertEquals(1, q.attempts());
        }
        // and the still-bad rows stay QUARANTINED with one more attempt, the new error and the values tried
        QuarantinedRecord carol = byRecordNumber(3);
        assertEquals(QuarantineStatus.QUARANTINED, carol.status());
        assertEquals(2, carol.attempts());
        assertTrue(carol.errorMessage().contains("more than 2 decimals"), carol.errorMessage());
        assertEquals("12.345", carol.fields().get("amount"));
        assertEquals("3,carol,abc", carol.raw(), "the raw text is evidence and never changes");
        assertEquals(clock.instant(), carol.updatedAt());
        QuarantinedRecord dave = byRecordNumber(4);
        assertEquals(QuarantineStatus.QUARANTINED, dave.status());
        assertEquals(2, dave.attempts());
        assertTrue(dave.errorMessage().contains("expected 3 fields, got 4"), dave.errorMessage());
        // no new quarantine row: the same records, updated
        assertEquals(5, quarantine.count(QuarantineQuery.builder().pipeline(QuarantineFixture.PIPELINE).build()));
        List<ActionRow> actions = store.withSession(s -> s.actions().byAction(QuarantineFixture.PIPELINE,
                "QUARANTINE_REPROCESSED"));
        assertEquals(1, actions.size());
        assertEquals(reRun, actions.get(0).runId());
        RunRow run = store.withSession(s -> s.runs().find(reRun)).orElseThrow();
        assertEquals("SUCCEEDED", run.status());
        assertEquals(3, run.recordsLoaded());
    }

    @Test
    void anExtraFieldComesBackFromTheExportSoTheRowStillFailsUntilTheUserEmptiesIt() throws Exception {
        Path csv = QuarantineFixture.csv(dir.resolve("people.csv"), "1,alice,1.00", "2,bob,2.00,EXTRA,MORE", "3,carol,3.00,X");
        Pipeline p = fixture.pipeline(csv);
        load(p);
        Path export = dir.resolve("q.csv");
        ExportResult exported = quarantine.export(QuarantineFixture.PIPELINE, OptionalLong.empty(), export);
        assertEquals(List.of("quarantine_id", "id", "name", "amount", "_extra_1", "_extra_2", "error_category",
                "error_message"), exported.columns());

        // unchanged export: both rows fail again, for the same reason
        ReprocessResult unchanged = quarantine.reprocess(runner, p, ReprocessRequest.fromExport(export));
        assertEquals(0, unchanged.loaded());
        assertEquals(2, unchanged.failedAgain());
        assertTrue(byRecordNumber(2).errorMessage().contains("expected 3 fields, got 5"), byRecordNumber(2).errorMessage());
        assertEquals(Map.of("id", "2", "name", "bob", "amount", "2.00", "_extra_1", "EXTRA", "_extra_2", "MORE"),
                byRecordNumber(2).fields());

        // bob's extra cells emptied, carol's left: only bob passes
        editExport(export, cells -> {
            if (cells.get(1).equals("2")) {
                cells.set(4, "");
                cells.set(5, "");
            }
            return cells;
        });
        ReprocessResult fixed = quarantine.reprocess(runner, p, ReprocessRequest.fromExport(export));
        assertEquals(1, fixed.loaded());
        assertEquals(1, fixed.failedAgain());
        assertEquals(QuarantineStatus.REPROCESSED, byRecordNumber(2).status());
        QuarantinedRecord carol = byRecordNumber(3);
        assertEquals(QuarantineStatus.QUARANTINED, carol.status());
        assertEquals(3, carol.attempts());
        assertTrue(carol.errorMessage().contains("expected 3 fields, got 4"), carol.errorMessage());
        assertEquals(List.of("1|alice|1.00|1", "2|bob|2.00|" + fixed.runId().orElseThrow()), QuarantineFixture.people(store));
    }

    @Test
    void allQuarantinedRecordsOfAPipelineAreReprocessedAsStoredOnceThePipelineIsFixed() throws Exception {
        // Given a pipeline that wrongly blocks "bob", and a genuinely bad row
        fixture.blockedNames.add("bob");
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 20; i++) lines.add(i + "," + (i % 4 == 0 ? "bob" : "p" + i) + "," + i + ".00");
        lines.add("21,zoe,-1");
        Pipeline p = fixture.pipeline(QuarantineFixture.csv(dir.resolve("people.csv"), lines.toArray(String[]::new)));
        RunResult first = load(p);
        assertEquals(6, first.recordsQuarantined());

        // When the pipeline is fixed and the quarantine reprocessed as stored
        fixture.blockedNames.clear();
        ReprocessResult r = quarantine.reprocess(runner, p, ReprocessRequest.all());

        // Then every wrongly quarantined record is loaded once, and the bad one stays
        assertEquals(6, r.records());
        assertEquals(5, r.loaded());
        assertEquals(1, r.failedAgain());
        assertEquals(1, r.stillQuarantined());
        List<String> people = QuarantineFixture.people(store);
        assertEquals(20, people.size());
        assertTrue(people.contains("8|bob|8.00|" + r.runId().orElseThrow()), people::toString);
        QuarantinedRecord zoe = byRecordNumber(21);
        assertEquals(QuarantineStatus.QUARANTINED, zoe.status());
        assertEquals(2, zoe.attempts());

        // and reprocessing again feeds only what is still quarantined
        ReprocessResult again = quarantine.reprocess(runner, p, ReprocessRequest.all());
        assertEquals(1, again.records());
        assertEquals(0, again.loaded());
        assertEquals(3, byRecordNumber(21).attempts());
        assertEquals(20, QuarantineFixture.people(store).size());
    }

    @Test
    void reprocessingOneRunLeavesTheRecordsOfOtherRunsAlone() throws Exception {
        fixture.blockedNames.add("bob");
        Pipeline p1 = fixture.pipeline(QuarantineFixture.csv(dir.resolve("a.csv"), "1,bob,1.00", "2,amy,2.00"));
        RunResult run1 = load(p1);
        Pipeline p2 = fixture.pipeline(QuarantineFixture.csv(dir.resolve("b.csv"), "3,bob,3.00", "4,ann,4.00"));
        RunResult run2 = load(p2);
        fixture.blockedNames.clear();

        ReprocessResult r = quarantine.reprocess(runner, p2, ReprocessRequest.ofRun(run2.runId()));

        assertEquals(1, r.records());
        assertEquals(1, r.loaded());
        List<QuarantinedRecord> ofRun1 = quarantine.list(QuarantineQuery.builder().run(run1.runId()).build());
        assertEquals(QuarantineStatus.QUARANTINED, ofRun1.get(0).status());
        assertEquals(1, ofRun1.get(0).attempts());
    }

    @Test
    void aRecordThatCouldNotBeParsedIsExportedWithItsRawTextWhichCanBeCorrected() throws Exception {
        Pipeline p = fixture.pipeline(QuarantineFixture.csv(dir.resolve("people.csv"),
                "1,alice,1.00", "2,\"bo\"b,2.00", "3,carol,-3"));
        load(p);
        Path export = dir.resolve("q.csv");

        ExportResult exported = quarantine.export(QuarantineFixture.PIPELINE, OptionalLong.empty(), export);

        assertEquals(List.of("quarantine_id", "id", "name", "amount", "_raw", "error_category", "error_message"),
                exported.columns());
        List<CSVRecord> rows = readCsv(export);
        assertEquals(List.of("", "", "", "2,\"bo\"b,2.00"), List.of(rows.get(1).values()).subList(1, 5));
        assertEquals(List.of("3", "carol", "'-3", ""), List.of(rows.get(2).values()).subList(1, 5));
        editExport(export, cells -> {
            if (cells.get(4).startsWith("2,")) cells.set(4, "2,bob,2.00");
            return cells;
        });
        ReprocessResult r = quarantine.reprocess(runner, p, ReprocessRequest.fromExport(export));
        assertEquals(1, r.loaded());
        assertEquals(1, r.failedAgain());
        assertEquals(List.of("1|alice|1.00|1", "2|bob|2.00|" + r.runId().orElseThrow()), QuarantineFixture.people(store));
    }

    @Test
    void reprocessingTheSameExportTwiceSkipsWhatWasAlreadyLoaded() throws Exception {
        Pipeline p = fixture.pipeline(QuarantineFixture.csv(dir.resolve("people.csv"), "1,al,-1", "2,bo,-2"));
        load(p);
        Path export = dir.resolve("q.csv");
        quarantine.export(QuarantineFixture.PIPELINE, OptionalLong.empty(), export);
        editExport(export, cells -> {
            if (cells.get(1).equals("1")) cells.set(3, "1");
            return cells;
        });
        ReprocessResult first = quarantine.reprocess(runner, p, ReprocessRequest.fromExport(export));
        assertEquals(1, first.loaded());

        ReprocessResult second = quarantine.reprocess(runner, p, ReprocessRequest.fromExport(export));

        assertEquals(1, second.records());
        assertEquals(0, second.loaded());
        assertEquals(1, second.skipped().size());
        assertTrue(second.skipped().get(0).reason().contains("already reprocessed by run " + first.runId().orElseThrow()),
                second.skipped().get(0).reason());
        assertEquals(1, QuarantineFixture.people(store).size(), "loaded once");
    }

    @Test
    void anExportNamingUnknownIdsIsRefusedBeforeAnythingRuns() throws Exception {
        Pipeline p = fixture.pipeline(QuarantineFixture.csv(dir.resolve("people.csv"), "1,al,-1"));
        load(p);
        Path export = Files.writeString(dir.resolve("q.csv"), "quarantine_id,id,name,amount\r\n1,1,al,1\r\n999,9,x,1\r\n");

        QuarantineException e = assertThrows(QuarantineException.class,
                () -> quarantine.reprocess(runner, p, ReprocessRequest.fromExport(export)));

        assertTrue(e.getMessage().contains("row 3: 999"), e.getMessage());
        assertEquals(1, store.withSession(s -> s.runs().list(null, null, Instant.EPOCH, 10)).size(), "no run started");
        assertEquals(QuarantineStatus.QUARANTINED, byRecordNumber(1).status());
    }

    @Test
    void aFileWithoutAQuarantineIdColumnIsNotAnExport() throws Exception {
        Pipeline p = fixture.pipeline(QuarantineFixture.csv(dir.resolve("people.csv"), "1,al,-1"));
        load(p);

        QuarantineException e = assertThrows(QuarantineException.class,
                () -> quarantine.reprocess(runner, p, ReprocessRequest.fromExport(dir.resolve("people.csv"))));

        assertTrue(e.getMessage().contains("is not a quarantine export"), e.getMessage());
    }

    @Test
    void withNothingQuarantinedNoRunIsStarted() throws Exception {
        Pipeline p = fixture.pipeline(QuarantineFixture.csv(dir.resolve("people.csv"), "1,al,1"));
        load(p);

        ReprocessResult r = quarantine.reprocess(runner, p, ReprocessRequest.all());

        assertTrue(r.runId().isEmpty());
        assertEquals(0, r.records());
        assertEquals(1, store.withSession(s -> s.runs().list(null, null, Instant.EPOCH, 10)).size());
    }

    @Test
    void anExportOfAnEmptyQuarantineHasTheHeaderOnlyAndReplacesTheFileWhole() throws Exception {
        Path export = Files.writeString(dir.resolve("q.csv"), "old content");

        ExportResult r = quarantine.export("nothing-here", OptionalLong.empty(), export);

        assertEquals(0, r.records());
        assertEquals("quarantine_id,error_category,error_message\r\n", Files.readString(export));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void aReprocessingRunThatStopsIsClosedSoThatTheNextRunDoesNotResumeIt() throws Exception {
        Pipeline p = fixture.pipeline(QuarantineFixture.csv(dir.resolve("people.csv"), "1,al,-1", "2,bo,2"));
        load(p);
        fixture.broken = true;

        ReprocessResult r = quarantine.reprocess(runner, p, ReprocessRequest.all());

        assertEquals(RunStatus.FAILED, r.status().orElseThrow());
        assertEquals(0, r.loaded());
        assertEquals(1, r.stillQuarantined());
        assertTrue(r.stopReason().contains("access to the validation rules denied"), r.stopReason());
        RunRow run = store.withSession(s -> s.runs().find(r.runId().orElseThrow())).orElseThrow();
        assertEquals("ABANDONED", run.status());
        assertTrue(run.stopReason().contains("a reprocessing run is not resumed"), run.stopReason());
        assertEquals(1, byRecordNumber(1).attempts(), "a record the run stopped on did not fail again");

        // the next plain run is a new run over its own input, and reprocessing works once the cause is fixed
        fixture.broken = false;
        RunResult next = runner.run(fixture.pipeline(QuarantineFixture.csv(dir.resolve("more.csv"), "3,cy,3")));
        assertEquals(RunStatus.SUCCEEDED, next.status());
        assertFalse(next.resumed());
        assertEquals(1, next.recordsRead());
        assertEquals(List.of("2|bo|2.00|1", "3|cy|3.00|" + next.runId()), QuarantineFixture.people(store));
        assertEquals(1, quarantine.reprocess(runner, p, ReprocessRequest.all()).failedAgain());
    }

    @Test
    void reprocessingIsRefusedWhileAPlainRunOfThePipelineIsUnfinished() throws Exception {
        load(fixture.pipeline(QuarantineFixture.csv(dir.resolve("a.csv"), "1,al,-1")));
        fixture.broken = true;
        Pipeline p = fixture.pipeline(QuarantineFixture.csv(dir.resolve("b.csv"), "2,bo,2"));
        RunResult failed = runner.run(p);
        assertEquals(RunStatus.FAILED, failed.status());
        fixture.broken = false;

        QuarantineException e = assertThrows(QuarantineException.class,
                () -> quarantine.reprocess(runner, p, ReprocessRequest.all()));

        assertTrue(e.getMessage().contains("has an unfinished run " + failed.runId()), e.getMessage());
        assertEquals(1, byRecordNumber(1).attempts());
    }

    @Test
    void aCrashedReprocessingRunIsNeverResumedOverThePipelinesOwnInput() throws Exception {
        Pipeline first = fixture.pipeline(QuarantineFixture.csv(dir.resolve("a.csv"), "1,al,-1"));
        load(first);
        // Given a reprocessing run whose process was killed: RUNNING, holding the lock of a dead process
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long deadPid = gone.pid();
        Instant now = clock.instant();
        long crashed = store.inTransaction(s -> {
            long id = s.runs().create(QuarantineFixture.PIPELINE, now, io.etlrecovery.runner.internal.Host.NAME, deadPid,
                    "quarantine of pipeline people", null, "{\"batchSize\":3,\"mode\":\"reprocess\"}");
            s.locks().insert(QuarantineFixture.PIPELINE, id, io.etlrecovery.runner.internal.Host.NAME, deadPid, now);
            return id;
        });

        // When the pipeline runs over a new input
        RunResult next = runner.run(fixture.pipeline(QuarantineFixture.csv(dir.resolve("b.csv"), "2,bo,2", "3,cy,3")));

        // Then it is a new run that reads its input from the start
        assertEquals(RunStatus.SUCCEEDED, next.status());
        assertFalse(next.resumed());
        assertTrue(next.runId() > crashed);
        assertEquals(2, next.recordsLoaded());
        // and the next reprocessing closes the crashed one
        assertEquals(1, quarantine.reprocess(runner, first, ReprocessRequest.all()).failedAgain());
        assertEquals("ABANDONED", store.withSession(s -> s.runs().find(crashed)).orElseThrow().status());
    }

    @Test
    void largeQuarantinesAreExportedAndReprocessedPageByPageWithoutTheErrorThresholdStoppingThem() throws Exception {
        String[] lines = new String[600];
        for (int i = 0; i < lines.length; i++) lines[i] = (i + 1) + ",p" + (i + 1) + ",-" + (i + 1);
        Pipeline p = fixture.pipeline(QuarantineFixture.csv(dir.resolve("people.csv"), lines));
        RunResult first = PipelineRunner.builder(store).clock(clock).batchSize(500).errorThreshold(1.0, 1).build().run(p);
        assertEquals(600, first.recordsQuarantined());

        ExportResult exported = quarantine.export(QuarantineFixture.PIPELINE, OptionalLong.of(first.runId()),
                dir.resolve("q.csv"));
        assertEquals(600, exported.records(), "more than one page of 500");
        List<CSVRecord> rows = readCsv(dir.resolve("q.csv"));
        assertEquals(601, rows.size());
        assertEquals("600", rows.get(600).get(1));

        // a runner that stops plain runs above 10% failures after 100 records: every record fails again, none is skipped
        PipelineRunner strict = PipelineRunner.builder(store).clock(clock).batchSize(100).errorThreshold(0.10, 100).build();
        ReprocessResult r = quarantine.reprocess(strict, p, ReprocessRequest.all());

        assertEquals(RunStatus.SUCCEEDED, r.status().orElseThrow(), () -> String.valueOf(r.stopReason()));
        assertEquals(600, r.records());
        assertEquals(600, r.failedAgain());
        assertEquals(600, r.stillQuarantined());
        assertTrue(quarantine.list(QuarantineQuery.builder().limit(1000).build()).stream().allMatch(q -> q.attempts() == 2));
    }

    @Test
    void aReprocessingRunRunsUnderTheRunnersOwnSettings() throws Exception {
        // Given a runner whose configuration file bounds every call at 50 ms, and a record whose validation hangs
        java.util.Properties props = new java.util.Properties();
        props.setProperty("timeout.call", "50ms");
        props.setProperty("policy.transient.maxAttempts", "1");
        PipelineRunner bounded = PipelineRunner.builder(store).clock(clock).sleeper(clock::advance).batchSize(3)
                .config(io.etlrecovery.recovery.RecoveryConfig.fromProperties("test.properties", props)).build();
        fixture.hangingName = "bob";
        Pipeline p = fixture.pipeline(QuarantineFixture.csv(dir.resolve("slow.csv"), "1,amy,1.00", "2,bob,2.00"));
        RunResult first = bounded.run(p);
        assertEquals(1, first.recordsQuarantined(), first::toString);

        // When it is reprocessed while the call still hangs
        ReprocessResult r = quarantine.reprocess(bounded, p, ReprocessRequest.all());

        // Then the reprocessing run cut the call at the same 50 ms (a runner rebuilt without the file's timeout
        // would wait out the 30 s hang and load the record)
        assertEquals(0, r.loaded(), r::toString);
        assertEquals(1, r.stillQuarantined());
        QuarantinedRecord bob = byRecordNumber(2);
        assertEquals(2, bob.attempts());
        assertTrue(bob.exceptionClass().endsWith("TimeoutException"), bob.exceptionClass());
        assertEquals(List.of("1|amy|1.00|" + first.runId()), QuarantineFixture.people(store));
    }

    @Test
    void reprocessingRaisesNoErrorRateAlertForRecordsThatFailAgain() throws Exception {
        List<io.etlrecovery.recovery.Alert> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
        PipelineRunner alerting = PipelineRunner.builder(store).clock(clock).sleeper(clock::advance).batchSize(3)
                .errorRateThresholds(io.etlrecovery.recovery.ErrorRateThresholds.builder().minRecords(1).build())
                .alertListener(alerts::add).build();
        fixture.blockedNames.add("bob");
        Pipeline p = fixture.pipeline(QuarantineFixture.csv(dir.resolve("rate.csv"), "1,amy,1.00", "2,bob,2.00", "3,bob,3.00"));
        alerting.run(p);
        assertTrue(alerts.stream().anyMatch(a -> a.kind() == io.etlrecovery.recovery.Alert.Kind.ERROR_RATE),
                "the load's 2 failures in 3 raise an alert: " + alerts);
        alerts.clear();

        ReprocessResult r = quarantine.reprocess(alerting, p, ReprocessRequest.all());

        assertEquals(2, r.failedAgain());
        assertEquals(List.of(), alerts.stream().filter(a -> a.kind() == io.etlrecovery.recovery.Alert.Kind.ERROR_RATE)
                .toList(), "records fed from the quarantine are expected to fail again");
    }
}
