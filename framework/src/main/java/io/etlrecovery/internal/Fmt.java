package io.etlrecovery.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formatting for people: durations, rates, shares, byte sizes, times (UTC). */
public final class Fmt {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Fmt() {
    }

    /** "5 min", "1 h", "6 h", "3 days", "30 days", "1 h 30 min", "45 s". */
    public static String duration(Duration d) {
        if (d == null) return "";
        long s = d.getSeconds();
        if (s == 0 && d.getNano() > 0) return d.toMillis() + " ms";
        if (s % 86400 == 0 && s > 0) return plural(s / 86400, "day");
        StringBuilder sb = new StringBuilder();
        long days = s / 86400;
        long hours = s % 86400 / 3600;
        long minutes = s % 3600 / 60;
        long seconds = s % 60;
        if (days > 0) sb.append(plural(days, "day")).append(' ');
        if (hours > 0) sb.append(hours).append(" h ");
        if (minutes > 0) sb.append(minutes).append(" min ");
        if (seconds > 0 || sb.length() == 0) sb.append(seconds).append(" s ");
        return sb.toString().strip();
    }

    /** A burn rate: "14.4×", "0.52×", "120×". */
    public static String rate(double r) {
        if (r >= 100) return String.format(Locale.ROOT, "%.0f×", r);
        if (r >= 10) return trim(String.format(Locale.ROOT, "%.1f", r)) + "×";
        return trim(String.format(Locale.ROOT, "%.2f", r)) + "×";
    }

    /** A share as a percentage: 0.12345 → "12.3%", 1.0 → "100%", 0.0005 → "0.05%". */
    public static String percent(double share) {
        double p = share * 100.0;
        double abs = Math.abs(p);
        if (abs == 0) return "0%";
        if (abs >= 99.95 && abs < 100.05) return (p < 0 ? "-" : "") + "100%";
        if (abs >= 10) return trim(String.format(Locale.ROOT, "%.1f", p)) + "%";
        if (abs >= 0.1) return trim(String.format(Locale.ROOT, "%.2f", p)) + "%";
        return trim(String.format(Locale.ROOT, "%.3f", p)) + "%";
    }

    /** A count with thousands separators: 1234567 → "1,234,567". */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A number of failures allowed: 2.5, 120, 0.25. */
    public static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return count((long) d);
        return trim(String.format(Locale.ROOT, "%.2f", d));
    }

    /** Bytes in binary units: "512 MiB", "1 GiB", "1.5 GiB", "900 B". */
    public static String bytes(long b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = b;
        int u = 0;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return trim(String.format(Locale.ROOT, u == 0 ? "%.0f" : "%.1f", v)) + " " + units[u];
    }

    /** An instant in UTC: "2026-11-01 10:00:00 UTC"; empty for null. */
    public static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    /** An instant in UTC to the minute, without the zone: "2026-11-01 10:00"; empty for null. */
    public static String minute(Instant t) {
        return t == null ? "" : MINUTE.format(t);
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static String trim(String number) {
        if (number.indexOf('.') < 0) return number;
        String t = number.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    /**
     * {@code s} cut to at most {@code max} characters (a column's width), ending with how much was cut, or
     * {@code s} itself when it fits; {@code null} stays {@code null}.
     */
    public static String truncate(String s, int max) {
        if (s == null || s.length() <= max) return s;
        if (max < 40) return s.substring(0, max);
        return s.substring(0, max - 20) + "…[truncated " + (s.length() - max + 20) + "]";
    }
}
