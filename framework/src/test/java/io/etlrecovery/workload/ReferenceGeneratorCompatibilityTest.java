package io.etlrecovery.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the benchmark's reference generator ({@code <shared>/bench/GenerateOrders.java}) as a child process and
 * compares its output with {@link OrdersGenerator}'s, byte for byte. Skipped when the reference is not there:
 * {@code <shared>} is the system property {@code etlrecovery.shared} (set by the build), else {@code ../shared}
 * or {@code ../../shared}.
 */
class ReferenceGeneratorCompatibilityTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "rows={0} badRate={1} seed={2}")
    @CsvSource({"20000,0.05,7", "5000,0.01,42", "1000,1.0,-3", "0,0.01,42"})
    void writesExactlyTheReferenceBytes(long rows, String badRate, long seed) throws Exception {
        Path reference = referenceGenerator();
        Path refCsv = dir.resolve("ref.csv");
        Path ownCsv = dir.resolve("own.csv");

        Run ref = runReference(reference, "--rows", Long.toString(rows), "--bad-rate", badRate, "--seed", Long.toString(seed),
                "--out", refCsv.toString());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int ownCode = OrdersGenerator.run(new String[] {"--rows", Long.toString(rows), "--bad-rate", badRate,
                "--seed", Long.toString(seed), "--out", ownCsv.toString()}, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(0, ref.code(), ref.output());
        assertEquals(0, ownCode, err.toString(StandardCharsets.UTF_8));
        assertEquals(-1, Files.mismatch(refCsv, ownCsv), "CSV bytes differ");
        assertEquals(-1, Files.mismatch(Path.of(refCsv + ".expected"), OrdersGenerator.expectedFileOf(ownCsv)),
                ".expected bytes differ");
        assertEquals(ref.output().strip(), err.toString(StandardCharsets.UTF_8).strip(), "stderr summary");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"--rows -5 --out x.csv", "--rows 10"})
    void rejectsWhatTheReferenceRejectsWithTheSameExitCode(String args) throws Exception {
        Path reference = referenceGenerator();
        String[] argv = args.split(" ");

        Run ref = runReference(reference, argv);
        int own = OrdersGenerator.run(argv, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertEquals(2, ref.code(), ref.output());
        assertEquals(ref.code(), own);
    }

    private record Run(int code, String output) {
    }

    private Run runReference(Path reference, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(reference.toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "ref", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(p.waitFor(3, TimeUnit.MINUTES), "reference generator finished");
        } finally {
            p.destroyForcibly();
        }
        return new Run(p.exitValue(), Files.readString(log));
    }

    private static Path referenceGenerator() {
        Optional<Path> found = findReference();
        Assumptions.assumeTrue(found.isPresent(),
                "reference generator bench/GenerateOrders.java not found (set -Detlrecovery.shared=<dir>)");
        return found.get();
    }

    private static Optional<Path> findReference() {
        List<Path> candidates = new ArrayList<>();
        String shared = System.getProperty("etlrecovery.shared");
        if (shared != null && !shared.isBlank()) candidates.add(Path.of(shared));
        candidates.add(Path.of("../shared"));
        candidates.add(Path.of("../../shared"));
        return candidates.stream()
                .map(d -> d.resolve("bench").resolve("GenerateOrders.java").toAbsolutePath().normalize())
                .filter(Files::isRegularFile)
                .findFirst();
    }
}
