package io.etlrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.health.Resources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    @TempDir
    Path dir;

    CliFixture cli;
    Path input;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliFixture(dir);
        input = CliItemsPipeline.writeInput(dir.resolve("items.csv"), 30, 3, 4);
    }

    /** Stops after the first batch (2 of 10 records bad), succeeds when resumed (2 of 20 is not above 10%). */
    private String[] thresholdRun(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "cli-items", "--input", input.toString(),
                "--batch-size", "10", "--error-threshold", "10%", "--error-threshold-after", "10"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void aSuccessfulRunExitsZeroAndPrintsTheSummaryWithTheNextCommand() throws Exception {
        CliRun run = cli.run("run", "cli-items", "--input", input.toString(), "--batch-size", "10");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("Starting run 1 of 'cli-items' over " + input), run::toString);
        assertTrue(run.out().contains("Run 1 of 'cli-items' SUCCEEDED after "), run::toString);
        assertTrue(run.out().contains("  Records read:    30\n"), run::toString);
        assertTrue(run.out().contains("  Loaded:          28\n"), run::toString);
        assertTrue(run.out().contains("  Quarantined:     2 (DATA 2)\n"), run::toString);
        assertTrue(run.out().contains("  Retried:         0 attempts\n"), run::toString);
        assertTrue(run.out().contains("  Error budget:    "), run::toString);
        assertTrue(run.out().contains("over 30 days: records "), run::toString);
        assertTrue(run.out().contains("To see the quarantined records: etl-recovery --db " + cli.url()
                + " quarantine list --pipeline cli-items --run 1\n"), run::toString);
        assertEquals(28, cli.count("SELECT COUNT(*) FROM CLI_ITEMS WHERE RUN_ID = 1"));
    }

    @Test
    void aCommandLineRunRecordsHealthSnapshotsAtItsStartAndEnd() throws Exception {
        CliRun run = cli.run("run", "cli-items", "--input", input.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1, cli.count("SELECT COUNT(*) FROM SYSTEM_HEALTH WHERE RUN_ID = 1 AND PHASE = 'RUN_START'"));
        assertEquals(1, cli.count("SELECT COUNT(*) FROM SYSTEM_HEALTH WHERE RUN_ID = 1 AND PHASE = 'RUN_END'"));
        assertEquals(100 * CliFixture.GIB, cli.count("SELECT DISK_FREE_BYTES FROM SYSTEM_HEALTH WHERE RUN_ID = 1 "
                + "AND PHASE = 'RUN_END'"), "the snapshot comes from the command's probe");
    }

    @Test
    void aRunStoppedAtTheErrorThresholdExitsThreeAndTheSameCommandResumesAndFinishesIt() throws Exception {
        CliRun first = cli.run(thresholdRun());

        assertEquals(3, first.exitCode(), first::toString);
        assertTrue(first.out().contains("Run 1 of 'cli-items' STOPPED (resumable)"), first::toString);
        assertTrue(first.out().contains("Stopped because: "), first::toString);
        assertTrue(first.out().contains("run the same command again to resume it (or: etl-recovery --db "
                + cli.url() + " runs resume 1)"), first::toString);
        assertEquals(8, cli.count("SELECT COUNT(*) FROM CLI_ITEMS"));

        CliRun second = cli.run(thresholdRun());

        assertEquals(0, second.exitCode(), second::toString);
        assertTrue(second.out().contains("Resuming run 1 of 'cli-items' over " + input + " after 10 committed "
                + "records (status was STOPPED; it had stopped: "), second::toString);
        assertTrue(second.out().contains("Run 1 of 'cli-items' SUCCEEDED"), second::toString);
        assertTrue(second.out().contains("  Resumed from:    record 10 "), second::toString);
        assertTrue(second.out().contains("  Records read:    30\n"), second::toString);
        assertEquals(28, cli.count("SELECT COUNT(*) FROM CLI_ITEMS"));
        assertEquals(1, cli.count("SELECT COUNT(*) FROM PIPELINE_RUNS"), "resumed, not a second run");
    }

    @Test
    void loadingTheSameInputAgainIsRefusedWithExitFourNamingTheRunAndForceLoadsIt() throws Exception {
        assertEquals(0, cli.run("run", "cli-items", "--input", input.toString()).exitCode());

        CliRun again = cli.run("run", "cli-items", "--input", input.toString());

        assertEquals(4, again.exitCode(), again::toString);
        assertTrue(again.err().contains("refused: This input was already loaded by run 1 of 'cli-items'"), again::toString);
        assertTrue(again.err().contains("Use --force"), again::toString);
        assertEquals(1, cli.count("SELECT COUNT(*) FROM PIPELINE_RUNS"));

        CliRun forced = cli.run("run", "cli-items", "--input", input.toString(), "--force");

        assertEquals(0, forced.exitCode(), forced::toString);
        assertTrue(forced.out().contains("Starting run 2 of 'cli-items'"), forced::toString);
        assertEquals(28, cli.count("SELECT COUNT(*) FROM CLI_ITEMS WHERE RUN_ID = 2"));
    }

    @Test
    void restartRollsBackTheUnfinishedRunAbandonsItAndStartsANewOne() throws Exception {
        assertEquals(3, cli.run(thresholdRun()).exitCode());

        CliRun restart = cli.run("run", "cli-items", "--input", input.toString(), "--batch-size", "10", "--restart");

        assertEquals(0, restart.exitCode(), restart::toString);
        assertTrue(restart.out().contains("Starting run 2 of 'cli-items'"), restart::toString);
        assertTrue(restart.out().contains("--restart"), restart::toString);
        assertEquals("ABANDONED", cli.string("SELECT STATUS FROM PIPELINE_RUNS WHERE RUN_ID = 1"));
        assertEquals(0, cli.count("SELECT COUNT(*) FROM CLI_ITEMS WHERE RUN_ID = 1"));
        assertEquals(28, cli.count("SELECT COUNT(*) FROM CLI_ITEMS WHERE RUN_ID = 2"));
    }

    @Test
    void resumeRefusesWithExitFourWhenThereIsNothingToResume() {
        CliRun run = cli.run("run", "cli-items", "--input", input.toString(), "--resume");

        assertEquals(4, run.exitCode(), run::toString);
        assertTrue(run.err().contains("refused: Pipeline 'cli-items' has no unfinished run to resume"), run::toString);
    }

    @Test
    void anUnknownPipelineIsAUsageErrorListingTheKnownOnes() {
        CliRun run = cli.run("run", "no-such-pipeline");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("There is no pipeline named 'no-such-pipeline'. The known pipelines are: "),
                run::toString);
        assertTrue(run.err().contains("cli-items"), run::toString);
    }

    @Test
    void aPipelineThatNeedsAnInputSaysSoAsAUsageError() {
        CliRun run = cli.run("run", "cli-items");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Pipeline 'cli-items': this pipeline needs an input file: pass --input <path>"),
                run::toString);
    }

    @Test
    void resumeRestartAndForceExcludeEachOther() {
        CliRun run = cli.run("run", "cli-items", "--input", input.toString(), "--resume", "--force");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--resume, --restart and --force exclude each other"), run::toString);
    }

    @Test
    void withoutATerminalPlainProgressLinesArePrintedEveryFewSecondsOfTheClock() throws Exception {
        input = CliItemsPipeline.writeInput(dir.resolve("many.csv"), 100);
        cli.clock = new CliFixture.TickingClock(Duration.ofSeconds(2)); // each batch reads the clock once

        CliRun run = cli.run("run", "cli-items", "--input", input.toString(), "--batch-size", "10",
                "--progress-every", "5s", "--health-every", "0s");

        assertEquals(0, run.exitCode(), run::toString);
        List<String> lines = run.err().lines().filter(l -> l.startsWith("progress: ")).toList();
        // batches commit at +2 s, +4 s, +6 s, ...: a line at +6 s, +12 s, +18 s
        assertEquals(3, lines.size(), run::toString);
        // (the share of the input read is by bytes, read ahead in buffers: all of this small file at once)
        assertTrue(lines.get(0).matches("progress: run 1, step load: 30 records read \\(\\d+% of the input\\), "
                + "30 loaded, 0 quarantined, 0 retries, 5 records/s, breakers closed, 6 s elapsed"), lines.get(0));
        assertTrue(lines.get(2).startsWith("progress: run 1, step load: 90 records read"), lines.get(2));
        assertFalse(run.err().contains("\r"), "no redrawing outside a terminal");
    }

    @Test
    void theBarRedrawsOneLineInPlaceAndEndsItWhenTheRunEnds() throws Exception {
        cli.clock = new CliFixture.TickingClock(Duration.ofSeconds(1));

        CliRun run = cli.run("run", "cli-items", "--input", input.toString(), "--batch-size", "10",
                "--progress", "bar", "--health-every", "0s");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().matches("(?s)\\rload \\[#*-*\\] +\\d+% \\| 10 read \\| 10 records/s \\| 2 quarantined.*"),
                run::toString);
        assertTrue(run.err().contains("\rload [########################] 100% | 30 read | 10 records/s | "),
                run::toString);
        assertTrue(run.err().contains(" | 2 quarantined | 0 retries | breakers closed"), run::toString);
        assertTrue(run.err().endsWith("\n"), run::toString);
        assertFalse(run.err().contains("progress: "), run::toString);
    }

    @Test
    void aFailedPreRunCheckRefusesTheRunWithExitFourAndSaysWhatToDo() throws Exception {
        cli.probe = volume -> Resources.UNKNOWN.withDisk(100L << 20, 200L << 20).withMemory(8 * CliFixture.GIB, null);

        CliRun run = cli.run("run", "cli-items", "--input", input.toString());

        assertEquals(4, run.exitCode(), run::toString);
        assertTrue(run.err().contains("refused: The run was not started: Only 100 MiB free on "), run::toString);
        assertTrue(run.err().contains("at least 1 GiB is required"), run::toString);
        assertEquals(0, cli.count("SELECT COUNT(*) FROM PIPELINE_RUNS"), "no run was started");

        CliRun lowered = cli.run("run", "cli-items", "--input", input.toString(), "--min-free-disk", "50MiB");

        assertEquals(0, lowered.exitCode(), lowered::toString);
    }

    @Test
    void lowAvailableMemoryRefusesTheRunUnlessTheCheckIsTurnedOff() throws Exception {
        cli.probe = volume -> Resources.UNKNOWN.withDisk(100 * CliFixture.GIB, null).withMemory(64L << 20, null);

        CliRun run = cli.run("run", "cli-items", "--input", input.toString());

        assertEquals(4, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Only 64 MiB of memory available; at least 256 MiB is required"), run::toString);
        assertEquals(0, cli.run("run", "cli-items", "--input", input.toString(), "--min-available-memory", "0")
                .exitCode());
    }

    @Test
    void maxDurationStopsTheRunResumablyWithExitThree() throws Exception {
        cli.runnerClock = new CliFixture.TickingClock(Duration.ofSeconds(1));

        CliRun run = cli.run("run", "cli-items", "--input", input.toString(), "--max-duration", "3s",
                "--batch-size", "10");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.out().contains("Stopped because: maximum duration of PT3S"), run::toString);
        assertTrue(cli.count("SELECT RECORDS_READ FROM PIPELINE_RUNS WHERE RUN_ID = 1") < 30, "stopped early");
    }

    @Test
    void malformedValuesAreUsageErrorsNamingTheOption() {
        CliRun size = cli.run("run", "cli-items", "--input", input.toString(), "--min-free-disk", "lots");
        CliRun rate = cli.run("run", "cli-items", "--input", input.toString(), "--error-threshold", "150%");
        CliRun duration = cli.run("run", "cli-items", "--input", input.toString(), "--max-duration", "soon");

        assertEquals(2, size.exitCode(), size::toString);
        assertTrue(size.err().contains("'lots' is not a size"), size::toString);
        assertEquals(2, rate.exitCode(), rate::toString);
        assertTrue(rate.err().contains("'150%' is not a rate"), rate::toString);
        assertEquals(2, duration.exitCode(), duration::toString);
        assertTrue(duration.err().contains("'soon' is not a duration"), duration::toString);
    }

    @Test
    void helpDocumentsTheExitCodes() {
        CliRun run = cli.run("run", "--help");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("Exit codes:"), run::toString);
        for (String code : List.of("0", "1", "2", "3", "4", "5")) {
            assertTrue(run.out().lines().anyMatch(l -> l.strip().startsWith(code + " ")), () -> code + " in " + run);
        }
    }

    @Test
    void aConfigurationFileSetsTheBatchSizeAndErrorThresholdAndOptionsWinOverIt() throws Exception {
        java.nio.file.Path config = java.nio.file.Files.writeString(dir.resolve("cli-items.properties"),
                "checkpoint.interval=10\nerrors.threshold=0.10\nerrors.thresholdMinRecords=10\n");

        CliRun first = cli.run("run", "cli-items", "--input", input.toString(), "--config", config.toString());
        assertEquals(3, first.exitCode(), "the file's threshold stops the run after its first batch of 10: " + first);
        assertEquals(8, cli.count("SELECT COUNT(*) FROM CLI_ITEMS"));

        CliRun second = cli.run("run", "cli-items", "--input", input.toString(), "--config", config.toString(),
                "--error-threshold", "50%");
        assertEquals(0, second.exitCode(), second::toString);
        assertEquals(28, cli.count("SELECT COUNT(*) FROM CLI_ITEMS"));
    }

    @Test
    void anInvalidConfigurationFileIsAUsageErrorNamingTheKey() throws Exception {
        java.nio.file.Path config = java.nio.file.Files.writeString(dir.resolve("bad.properties"), "breaker.openDuration=soon\n");

        CliRun run = cli.run("run", "cli-items", "--input", input.toString(), "--config", config.toString());

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("breaker.openDuration"), run::toString);
        assertEquals(0, cli.count("SELECT COUNT(*) FROM PIPELINE_RUNS"), "refused before any run starts");
    }

}
