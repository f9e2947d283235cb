package io.etlrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.EtlRecoveryException;
import io.etlrecovery.runner.RunRefusedException;
import io.etlrecovery.store.StoreException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class MainTest {

    /** A command that fails with a given exception, to drive the error mapping through the real entry point. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        private final RuntimeException failure;

        Boom(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() {
            throw failure;
        }
    }

    private static CliRun failWith(RuntimeException failure, String... args) {
        return CliRun.with(Map.of(), cl -> cl.addSubcommand("boom", new Boom(failure)), args);
    }

    @Test
    void rootHelpExitsZeroAndDocumentsEveryExitCodeAndTheCommands() {
        CliRun run = CliRun.of("--help");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("Usage: etl-recovery "), run::toString);
        assertTrue(run.out().contains("--db=<jdbc-url>"), run::toString);
        assertTrue(run.out().contains("--db-password=<password>"), run::toString);
        assertTrue(run.out().contains(EtlRecoveryCommand.PASSWORD_ENV), run::toString);
        assertTrue(run.out().contains("Exit codes:"), run::toString);
        for (ExitCode code : ExitCode.values()) {
            String prefix = "  " + code.code() + " ";
            String start = code.description().substring(0, Math.min(10, code.description().length()));
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith(prefix) && l.contains(start)),
                    () -> code + " not documented in\n" + run);
        }
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("  db ")), run::toString);
        assertEquals("", run.err());
    }

    @Test
    void helpOnDbInfoExitsZeroAndShowsItsFormatOption() {
        CliRun run = CliRun.of("db", "info", "--help");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("Usage: etl-recovery db info "), run::toString);
        assertTrue(run.out().contains("--format=<format>"), run::toString);
        assertTrue(run.out().contains("table, json or csv"), run::toString);
    }

    @Test
    void versionExitsZeroAndNamesTheProgram() {
        CliRun run = CliRun.of("--version");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("etl-recovery "), run::toString);
        assertTrue(run.out().contains("Java " + System.getProperty("java.version")), run::toString);
    }

    @Test
    void anUnknownCommandIsAUsageErrorWithTheUsageMessage() {
        CliRun run = CliRun.of("nosuch");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: Unknown command 'nosuch' after 'etl-recovery'; the commands are: db"),
                run::toString);
        assertTrue(run.err().contains("Usage: etl-recovery "), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void aMisspelledSubcommandGetsASuggestion() {
        CliRun run = CliRun.of("db", "inf");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Did you mean: db info?"), run::toString);
    }

    @Test
    void noCommandIsAUsageErrorListingTheCommands() {
        CliRun root = CliRun.of();
        CliRun db = CliRun.of("db");

        assertEquals(2, root.exitCode(), root::toString);
        assertTrue(root.err().startsWith("error: Missing a command after 'etl-recovery': one of db"), root::toString);
        assertEquals(2, db.exitCode(), db::toString);
        assertTrue(db.err().startsWith("error: Missing a command after 'etl-recovery db': one of migrate, info, verify"),
                db::toString);
        assertTrue(db.err().contains("Usage: etl-recovery db "), db::toString);
    }

    @Test
    void aGlobalOptionAfterTheCommandIsAUsageErrorThatSaysWhereItGoes() {
        CliRun run = CliRun.of("db", "info", "--db", "jdbc:h2:mem:x");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: Unknown option '--db' for 'etl-recovery db info': global options "
                + "such as --db go before the command, e.g. etl-recovery --db <jdbc-url> db info"), run::toString);
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CliRun run = CliRun.of("--db", "jdbc:h2:mem:fmt", "db", "info", "--format", "xml");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("'--format'") && run.err().contains("'xml'"), run::toString);
    }

    @Test
    void aMalformedDbUrlIsAStoreErrorWithAClearMessageAndNoStackTrace() {
        CliRun run = CliRun.of("--db", "not-a-url", "db", "info");

        assertEquals(5, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: Invalid store URL 'not-a-url': a JDBC URL starts with 'jdbc:'"),
                run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertFalse(run.err().contains("\tat "), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void aDbUrlNoDriverAcceptsIsAStoreErrorWithItsPasswordRedacted() {
        CliRun run = CliRun.of("--db", "jdbc:nosuch://admin:hunter2@db.example/etl", "db", "info");

        assertEquals(5, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: Invalid store URL 'jdbc:nosuch://admin:***@db.example/etl'"),
                run::toString);
        assertFalse(run.err().contains("hunter2"), run::toString);
        assertFalse(run.err().contains("\tat "), run::toString);
    }

    @Test
    void aStoreExceptionExitsWith5AndPrintsItsMessage() {
        CliRun run = failWith(new StoreException.Unavailable("The store went away; run again to resume.", null),
                "boom");

        assertEquals(5, run.exitCode(), run::toString);
        assertEquals("error: The store went away; run again to resume.\n", run.err());
    }

    @Test
    void aRefusedRunExitsWith4() {
        CliRun run = failWith(new RunRefusedException(RunRefusedException.Reason.ACTIVE_RUN,
                "Pipeline orders is already running (run 7)."), "boom");

        assertEquals(4, run.exitCode(), run::toString);
        assertEquals("refused: Pipeline orders is already running (run 7).\n", run.err());
    }

    @Test
    void anotherEtlRecoveryExceptionExitsWith1WithItsMessageRedactedAndTerminalSafe() {
        CliRun run = failWith(new EtlRecoveryException("Step load failed: password=hunter2 \u001b[2J\u009b done"),
                "boom");

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("error: Step load failed: password=*** \\x1b[2J\\x9b done\n", run.err());
    }

    @Test
    void anUnexpectedExceptionIsOneRedactedLineThatPointsToDebug() {
        CliRun run = failWith(new IllegalStateException("token=abc123\nsecond line"), "boom");

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("unexpected error: java.lang.IllegalStateException: token=***\\nsecond line "
                + "(run with --debug for the stack trace)\n", run.err());
    }

    @Test
    void withDebugAnUnexpectedExceptionAlsoPrintsItsRedactedStackTrace() {
        CliRun run = failWith(new IllegalStateException("token=abc123"), "--debug", "boom");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("unexpected error: java.lang.IllegalStateException: token=***\n"), run::toString);
        assertTrue(run.err().contains("\tat io.etlrecovery.cli.MainTest"), run::toString);
        assertFalse(run.err().contains("abc123"), run::toString);
    }
    @Test
    void onlyTheCommandTheArgumentsNameIsBuiltAfterTheGlobalOptions() {
        assertEquals("run", EtlRecoveryCommand.commandNamed("--db", "jdbc:h2:mem:x", "run", "orders-import"));
        assertEquals("runs", EtlRecoveryCommand.commandNamed("--db=jdbc:h2:mem:x", "--debug", "runs", "list"));
        assertEquals("budget", EtlRecoveryCommand.commandNamed("--db-user", "run", "--db-password", "runs", "budget"));
        assertEquals(null, EtlRecoveryCommand.commandNamed("--db", "run"), "an option's value is not a command");
        assertEquals(null, EtlRecoveryCommand.commandNamed("--help"));
        assertEquals(null, EtlRecoveryCommand.commandNamed("bogus", "run"));
        assertEquals(null, EtlRecoveryCommand.commandNamed());

        CommandLine one = EtlRecoveryCommand.commandLine(new EtlRecoveryCommand(Map.of()), "--debug", "health");
        assertEquals(List.of("health"), List.copyOf(one.getSubcommands().keySet()));
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"--db", "x", "demo"})) {
            CommandLine all = EtlRecoveryCommand.commandLine(new EtlRecoveryCommand(Map.of()), args);
            assertEquals(EtlRecoveryCommand.COMMANDS.size(), all.getCommandSpec().subcommands().values().stream()
                    .map(c -> c.getCommand().getClass()).distinct().count(),
                    "help and errors see every command, and the demo runs them: " + List.of(args));
        }
    }

    @Test
    void aCommandBuiltAloneStillInheritsHelpAndVersion() {
        CliRun help = CliRun.of("run", "--help");
        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.out().contains("-V, --version"), help::toString);
        assertTrue(help.out().contains("-h, --help"), help::toString);
        CliRun version = CliRun.of("health", "--version");
        assertEquals(0, version.exitCode(), version::toString);
        assertTrue(version.out().startsWith("etl-recovery "), version::toString);
    }
}
