package io.etlrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.workload.ExpectedCounts;
import io.etlrecovery.workload.OrdersGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheSameBytesAsTheGeneratorAndItsExpectedCounts() throws Exception {
        Path out = dir.resolve("orders.csv");
        CliRun r = CliRun.of("generate", "--rows", "5000", "--bad-rate", "0.02", "--seed", "7", "--out", out.toString());

        assertEquals(0, r.exitCode(), r.toString());
        Path reference = dir.resolve("reference.csv");
        OrdersGenerator.builder().rows(5000).badRate(0.02).seed(7).build().generate(reference);
        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(out));
        ExpectedCounts counts = ExpectedCounts.read(OrdersGenerator.expectedFileOf(out));
        assertEquals(5000, counts.rows());
        assertEquals(100, counts.bad());
        assertTrue(r.out().contains("5,000 records, 4,900 good, 100 bad"), r.out());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(4, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aBadRateOutsideZeroToOneIsAUsageErrorNamingTheValue() {
        CliRun r = CliRun.of("generate", "--bad-rate", "1.5", "--out", dir.resolve("x.csv").toString());

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("1.5"), r.err());
        assertTrue(Files.notExists(dir.resolve("x.csv")));
    }

    @Test
    void aMissingDirectoryIsAUsageErrorNamingIt() {
        Path out = dir.resolve("no-such-dir").resolve("x.csv");
        CliRun r = CliRun.of("generate", "--out", out.toString());

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("no-such-dir"), r.err());
    }
}
