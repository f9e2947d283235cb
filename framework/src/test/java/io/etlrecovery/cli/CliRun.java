package io.etlrecovery.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;

/** One in-process run of the command line through {@link Main}: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

    /** Runs {@code args} with an empty environment. */
    static CliRun of(String... args) {
        return with(Map.of(), cl -> { }, args);
    }

    /** Runs {@code args} with {@code env} as the environment and {@code customizer} applied to the command line. */
    static CliRun with(Map<String, String> env, Consumer<CommandLine> customizer, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e, env, customizer);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
