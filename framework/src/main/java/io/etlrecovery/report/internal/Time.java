package io.etlrecovery.report.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** UTC hour and day arithmetic: every bucket of the reports is computed here, in Java, never in SQL. */
public final class Time {

    public static final long HOUR_SECONDS = 3600;

    private Time() {
    }

    /** The start of the UTC hour that contains {@code t}. */
    public static Instant floorHour(Instant t) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), HOUR_SECONDS) * HOUR_SECONDS);
    }

    /** {@code t} if it starts an hour, else the start of the next hour. */
    public static Instant ceilHour(Instant t) {
        Instant f = floorHour(t);
        return f.equals(t) ? f : f.plusSeconds(HOUR_SECONDS);
    }

    /** The UTC day of {@code t}. */
    public static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    /** The start (UTC midnight) of {@code day}. */
    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    public static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    public static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
