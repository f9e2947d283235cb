package io.etlrecovery.cli;

import io.etlrecovery.cli.internal.Printable;
import io.etlrecovery.io.AtomicFiles;
import io.etlrecovery.workload.GenerationResult;
import io.etlrecovery.workload.OrdersGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code generate}: writes a sample orders CSV (the workload {@code orders-import} loads) and its
 * {@code <out>.expected} counts, byte-identical for the same arguments. Both files are written under temporary
 * names and renamed, so a reader never sees half a file. Does not touch the store.
 */
@Command(name = "generate",
        description = {"Writes a sample orders CSV with bad rows (the input of the orders-import pipeline) and "
                + "<out>.expected with its counts per defect kind. The same arguments always give the same bytes."})
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", paramLabel = "<n>", defaultValue = "100000",
            description = "Number of records (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--bad-rate", paramLabel = "<fraction>", defaultValue = "0.01",
            description = "Share of bad records, 0..1 (default: ${DEFAULT-VALUE}).")
    double badRate;

    @Option(names = "--seed", paramLabel = "<n>", defaultValue = "42",
            description = "Seed of the random number generator (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "<file>", required = true, description = "The CSV file to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        OrdersGenerator generator;
        try {
            generator = OrdersGenerator.builder().rows(rows).badRate(badRate).seed(seed).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "The directory of --out does not exist: " + dir);
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            GenerationResult r = generator.generate(tmp);
            AtomicFiles.replace(OrdersGenerator.expectedFileOf(tmp), OrdersGenerator.expectedFileOf(target));
            AtomicFiles.replace(tmp, target);
            PrintWriter pw = root.out();
            pw.printf("Wrote %s: %,d records, %,d good, %,d bad%n", Printable.line(out.toString()), r.rows(), r.good(), r.bad());
            for (Map.Entry<String, Long> d : r.defects().entrySet()) pw.printf("  %-30s %,d%n", d.getKey(), d.getValue());
            pw.printf("Expected counts: %s%n", Printable.line(OrdersGenerator.expectedFileOf(out).toString()));
            return ExitCode.OK.code();
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(OrdersGenerator.expectedFileOf(tmp));
        }
    }
}
