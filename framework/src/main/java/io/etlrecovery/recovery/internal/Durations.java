package io.etlrecovery.recovery.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parsing and compact formatting of durations ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code PT5M}). */
public final class Durations {

    /** What {@link #parse(String)} accepts, for error messages. */
    public static final String ACCEPTED_FORMS = "a duration such as PT5M, 500ms, 30s, 5m, 2h or 1d";

    private Durations() {
    }

    /**
     * Parses an ISO-8601 duration ({@code PT5M}) or a number with a unit suffix {@code ms}, {@code s}, {@code m},
     * {@code h} or {@code d}.
     *
     * @throws IllegalArgumentException if the text is neither
     */
    public static Duration parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        String upper = s.toUpperCase(Locale.ROOT);
        if (upper.startsWith("P") || upper.startsWith("-P")) {
            try {
                return Duration.parse(upper);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration: " + text, e);
            }
        }
        String lower = s.toLowerCase(Locale.ROOT);
        int unitStart = 0;
        while (unitStart < lower.length() && (Character.isDigit(lower.charAt(unitStart)))) {
            unitStart++;
        }
        if (unitStart == 0 || unitStart == lower.length()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        long amount;
        try {
            amount = Long.parseLong(lower.substring(0, unitStart));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: " + text, e);
        }
        String unit = lower.substring(unitStart).trim();
        try {
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException("unknown duration unit '" + unit + "' in " + text);
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration too long: " + text, e);
        }
    }

    /** Formats compactly: {@code 250ms}, {@code 1.5s}, {@code 30s}, {@code 5m}, {@code 1h30m}. */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        long millis = d.toMillis();
        if (millis < 1000) {
            return d.toNanos() % 1_000_000 == 0 || millis > 0 ? millis + "ms" : d.toNanos() + "ns";
        }
        if (millis < 60_000) {
            return millis % 1000 == 0 ? (millis / 1000) + "s" : (millis / 1000.0) + "s";
        }
        if (millis % 1000 != 0) {
            return d.toString();
        }
        long seconds = millis / 1000;
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        StringBuilder sb = new StringBuilder();
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (m > 0) {
            sb.append(m).append('m');
        }
        if (s > 0) {
            sb.append(s).append('s');
        }
        return sb.toString();
    }
}
