package io.etlrecovery.cli;

import io.etlrecovery.cli.internal.Printable;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The entry point of {@code etl-recovery}: {@code java -jar etl-recovery.jar [global options] <command> ...}.
 *
 * <p>{@link #run} runs one command in-process and returns its {@link ExitCode exit code}; it never throws and
 * never exits the JVM. {@link #main} runs it on {@code System.out}/{@code System.err} and exits with the code.
 * Results go to {@code out}; errors, usage messages after a usage error, and logs go to {@code err}.
 */
public final class Main {

    private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    private Main() {
    }

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        // libraries (Flyway, the runner) log at INFO; a command line shows warnings only unless asked otherwise
        if (System.getProperty(LOG_LEVEL_PROPERTY) == null) System.setProperty(LOG_LEVEL_PROPERTY, "warn");
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one command.
     *
     * @param args the arguments, as given to {@code main}
     * @param out  where results go
     * @param err  where errors and usage messages go
     * @return the exit code, one of {@link ExitCode}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv(), cl -> { });
    }

    /** {@link #run(String[], PrintStream, PrintStream)} with a given environment and a hook to adjust the command line. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env,
                   Consumer<CommandLine> customizer) {
        Objects.requireNonNull(args, "args");
        PrintWriter o = new PrintWriter(new PrintStreamWriter(Objects.requireNonNull(out, "out")), true);
        PrintWriter e = new PrintWriter(new PrintStreamWriter(Objects.requireNonNull(err, "err")), true);
        EtlRecoveryCommand root = new EtlRecoveryCommand(env);
        try {
            CommandLine cl = EtlRecoveryCommand.commandLine(root, args);
            customizer.accept(cl); // first: the settings below reach the subcommands present when they are made
            cl.setOut(o);
            cl.setErr(e);
            cl.setColorScheme(Help.defaultColorScheme(out == System.out ? Help.Ansi.AUTO : Help.Ansi.OFF));
            cl.setParameterExceptionHandler(Main::usageError);
            cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> ErrorReporter.report(ex, root.debug(), e));
            return cl.execute(args);
        } catch (RuntimeException | Error ex) {
            return ErrorReporter.report(ex, root.debug(), e);
        } finally {
            o.flush();
            e.flush();
        }
    }

    private static int usageError(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("error: " + Printable.lines(explain(ex)));
        StringWriter suggestions = new StringWriter();
        UnmatchedArgumentException.printSuggestions(ex, new PrintWriter(suggestions));
        err.print(Printable.lines(suggestions.toString()));
        err.println();
        cl.usage(err, cl.getColorScheme());
        return ExitCode.USAGE.code();
    }

    /** Picocli's message, said in terms of commands where it speaks of unmatched arguments. */
    private static String explain(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            CommandLine cl = ex.getCommandLine();
            String first = u.getUnmatched().get(0);
            var spec = cl.getCommandSpec();
            if (!first.startsWith("-") && !spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) {
                return "Unknown command '" + first + "' after '" + spec.qualifiedName() + "'; the commands are: "
                        + String.join(", ", spec.subcommands().keySet());
            }
            String option = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
            var global = spec.parent() == null ? null : spec.root().findOption(option);
            if (global != null) {
                String value = global.arity().max() > 0 ? " " + global.paramLabel() : "";
                return "Unknown option '" + option + "' for '" + spec.qualifiedName() + "': global options such as "
                        + option + " go before the command, e.g. " + spec.root().name() + " " + option + value + " "
                        + spec.qualifiedName().substring(spec.root().name().length()).strip();
            }
        }
        return ex.getMessage();
    }
}
