package io.etlrecovery.cli;

import io.etlrecovery.EtlRecoveryException;
import io.etlrecovery.cli.internal.Printable;
import io.etlrecovery.runner.RunRefusedException;
import io.etlrecovery.store.StoreException;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Turns an exception that ended a command into its exit code and one printed message: redacted, terminal-safe,
 * with the stack trace only under {@code --debug}.
 */
final class ErrorReporter {

    private ErrorReporter() {
    }

    /** The exit code for {@code failure}. */
    static ExitCode exitCodeFor(Throwable failure) {
        if (failure instanceof StoreException) return ExitCode.STORE_ERROR;
        if (failure instanceof RunRefusedException) return ExitCode.REFUSED;
        return ExitCode.FAILED;
    }

    /** Prints {@code failure} to {@code err} and returns its exit code. */
    static int report(Throwable failure, boolean debug, PrintWriter err) {
        ExitCode code = exitCodeFor(failure);
        if (failure instanceof EtlRecoveryException) {
            String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
            err.println((code == ExitCode.REFUSED ? "refused: " : "error: ") + Printable.lines(message));
        } else {
            err.println("unexpected error: " + failure.getClass().getName() + ": " + Printable.line(failure.getMessage())
                    + (debug ? "" : " (run with --debug for the stack trace)"));
        }
        if (debug) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            err.print(Printable.lines(trace.toString()));
        }
        err.flush();
        return code.code();
    }
}
