package io.etlrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.pipeline.Pipelines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The framework's side of {@code demo}: the sample pipelines ({@code orders-import}) are not on this class path. */
class DemoCommandTest {

    @TempDir
    Path dir;

    private String db() {
        return "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
    }

    @Test
    void withoutTheSamplePipelinesOnTheClassPathTheDemoExitsTwoSayingItNeedsEtlRecoveryJar() throws Exception {
        CliRun r = CliRun.of("--db", db(), "demo", "--dir", dir.toString());

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("the demo needs the sample pipelines"), r.err());
        assertTrue(r.err().contains("'orders-import' is not on the class path"), r.err());
        assertTrue(r.err().contains("etl-recovery.jar"), r.err());
        // it stopped before writing anything
        assertFalse(Files.exists(dir.resolve(DemoCommand.INPUT)), "no input generated");
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().startsWith("store")).count(),
                    "the store was not created");
        }
    }

    @Test
    void withOtherPipelinesKnownTheMessageNamesThem() {
        CliRun r = CliRun.with(Map.of(), cl -> ((DemoCommand) cl.getSubcommands().get("demo").getCommand()).pipelines =
                Pipelines.of(new CliItemsPipeline()), "--db", db(), "demo", "--dir", dir.toString());

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("found: " + new CliItemsPipeline().name()), r.err());
    }

    @Test
    void tooFewRowsAreAUsageErrorNamingTheOption() {
        CliRun r = CliRun.of("--db", db(), "demo", "--rows", "10", "--dir", dir.toString());

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--rows must be 1000 to 10000000, was 10"), r.err());
    }

    @Test
    void aBadRateAboveFivePercentIsAUsageErrorNamingTheOption() {
        CliRun r = CliRun.of("--db", db(), "demo", "--bad-rate", "0.5", "--dir", dir.toString());

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--bad-rate must be 0 to 0.05"), r.err());
    }

    @Test
    void aMissingDirectoryIsAUsageErrorNamingIt() {
        CliRun r = CliRun.of("--db", db(), "demo", "--dir", dir.resolve("no-such-dir").toString());

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("no-such-dir"), r.err());
    }
}
