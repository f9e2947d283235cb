package io.etlrecovery.cli;

import io.etlrecovery.cli.internal.Cells;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Parses a day-count option ({@code 7}, {@code 7d}, {@code 2w}) into 1..max days, or a usage error naming it. */
final class DayCount {

    private DayCount() {
    }

    static int parse(CommandSpec spec, String option, String value, int max) {
        int n;
        try {
            n = Cells.days(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for " + option + ": " + e.getMessage());
        }
        if (n < 1 || n > max) {
            throw new ParameterException(spec.commandLine(), "Invalid value for " + option + ": must be 1 to " + max
                    + (option.equals("--window") ? " days" : "") + ", was " + n);
        }
        return n;
    }
}
