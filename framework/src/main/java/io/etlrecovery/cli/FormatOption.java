package io.etlrecovery.cli;

import io.etlrecovery.cli.internal.Output;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --format table|json|csv} option (default {@code table}) of listing commands, and the printing that
 * goes with it. Use it as {@code @Mixin FormatOption format;}.
 */
final class FormatOption {

    @Option(names = "--format", paramLabel = "<format>", defaultValue = "table",
            description = "Output format: table, json or csv (default: ${DEFAULT-VALUE}).")
    Output.Format format = Output.Format.TABLE;

    /** Whether the output is the human-readable table (commands may add a heading then). */
    boolean isTable() {
        return format == Output.Format.TABLE;
    }

    /** Prints {@code rows} in the chosen format; see {@link Output}. */
    void print(PrintWriter out, List<String> columns, List<? extends Map<String, ?>> rows) {
        try {
            Output.write(format, columns, rows, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
