package io.etlrecovery.cli.internal;

import io.etlrecovery.internal.Fmt;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Cell values of the report commands, rendered for people ({@code human}: the table format) or for programs
 * (JSON and CSV keep exact numbers: shares as fractions, burn rates as plain numbers, times as ISO-8601 instants).
 * Stateless.
 */
public final class Cells {

    private Cells() {
    }

    /** A share (1.0 = 100%): "12.3%" for people, the fraction itself for programs; {@code null} stays null. */
    public static Object share(Double share, boolean human) {
        if (share == null) return null;
        return human ? Fmt.percent(share) : share;
    }

    /** A burn rate: "14.4x" for people (ASCII, so any terminal shows it), the number for programs. */
    public static Object burn(double rate, boolean human) {
        return human ? Fmt.rate(rate).replace('×', 'x') : rate;
    }

    /** A number of failures allowed: "2.5" for people, the number for programs. */
    public static Object amount(double value, boolean human) {
        return human ? Fmt.number(value) : value;
    }

    /** An instant: "2026-11-20 10:37" (UTC) for people, ISO-8601 for programs; {@code null} stays null. */
    public static Object time(Instant t, boolean human) {
        if (t == null) return null;
        return human ? Fmt.minute(t) : t.toString();
    }

    /** A duration for people: "1 day 2 h", "45 min"; {@code null} stays null. */
    public static String duration(Duration d) {
        return d == null ? null : Fmt.duration(d);
    }

    /** A duration for programs: whole seconds; {@code null} stays null. */
    public static Long seconds(Duration d) {
        return d == null ? null : d.getSeconds();
    }

    /**
     * A number of days from {@code text}: {@code 30}, {@code 30d}, {@code 4w} (weeks).
     *
     * @throws IllegalArgumentException naming the accepted forms when {@code text} is none of them
     */
    public static int days(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        int factor = 1;
        if (t.endsWith("d")) {
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("w")) {
            t = t.substring(0, t.length() - 1);
            factor = 7;
        }
        try {
            long n = Long.parseLong(t.strip()) * factor;
            if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) throw new NumberFormatException();
            return (int) n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + TerminalText.safe(text) + "' is not a number of days: write "
                    + "e.g. 30d, 30 or 4w");
        }
    }
}
