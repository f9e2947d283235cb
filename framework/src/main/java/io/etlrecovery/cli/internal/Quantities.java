package io.etlrecovery.cli.internal;

import java.util.Locale;

/**
 * Parses the quantities command-line options take: byte sizes ({@code 1GiB}, {@code 256MiB}, {@code 512m},
 * {@code 1048576}) and rates ({@code 10%}, {@code 0.1}). Error messages name what was expected.
 */
public final class Quantities {

    private Quantities() {
    }

    /**
     * A byte size: a whole or decimal number, optionally followed by a binary unit: {@code B}, {@code K}/{@code KB}/
     * {@code KiB}, {@code M}/{@code MB}/{@code MiB}, {@code G}/{@code GB}/{@code GiB}, {@code T}/{@code TB}/{@code TiB}
     * (case-insensitive; every unit is a power of 1,024).
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static long bytes(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
        String number = s.substring(0, i);
        String unit = s.substring(i).trim();
        long factor = switch (unit) {
            case "", "b" -> 1L;
            case "k", "kb", "kib" -> 1L << 10;
            case "m", "mb", "mib" -> 1L << 20;
            case "g", "gb", "gib" -> 1L << 30;
            case "t", "tb", "tib" -> 1L << 40;
            default -> -1L;
        };
        if (number.isEmpty() || factor < 0) throw badSize(text);
        try {
            double value = Double.parseDouble(number) * factor;
            if (value < 0 || value > Long.MAX_VALUE || Double.isNaN(value)) throw badSize(text);
            return (long) value;
        } catch (NumberFormatException e) {
            throw badSize(text);
        }
    }

    /**
     * A rate between 0 (exclusive) and 1: {@code 10%} or {@code 0.1}.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static double rate(String text) {
        String s = text == null ? "" : text.trim();
        boolean percent = s.endsWith("%");
        if (percent) s = s.substring(0, s.length() - 1).trim();
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw badRate(text);
        }
        if (percent) v /= 100.0;
        if (!(v > 0 && v <= 1)) throw badRate(text);
        return v;
    }

    private static IllegalArgumentException badSize(String text) {
        return new IllegalArgumentException("'" + text + "' is not a size: expected a number of bytes with an "
                + "optional unit, e.g. 1GiB, 256MiB, 512M or 1048576");
    }

    private static IllegalArgumentException badRate(String text) {
        return new IllegalArgumentException("'" + text + "' is not a rate: expected a share above 0 and at most "
                + "100%, e.g. 10% or 0.1");
    }
}
