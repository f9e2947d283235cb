package io.etlrecovery.report;

import java.math.BigInteger;

/**
 * How a count or a rate moved against the period before it.
 *
 * <p>For patterns, the occurrences in the window ({@code now}) are compared with the previous window of the
 * same length ({@code before}): {@link #NEW} when {@code before} is 0; {@link #RISING} when
 * {@code now > 1.2 × before} (more than 20% up); {@link #FALLING} when {@code now < 0.8 × before} (more than
 * 20% down); {@link #STEADY} otherwise. Failure analysis compares the run failure rate of the second half of its
 * days with the first half's by the same ±20% rule (a rate rising from 0 is {@link #RISING}; it never says
 * {@link #NEW}). The comparisons are exact (integer arithmetic), so a change of exactly 20% is STEADY.
 */
public enum Trend {
    /** Not seen in the previous window. */
    NEW,
    /** More than 20% up. */
    RISING,
    /** Within ±20%. */
    STEADY,
    /** More than 20% down. */
    FALLING;

    /** The trend of a count {@code now} against the count {@code before} (see the class comment). */
    public static Trend of(long now, long before) {
        if (before == 0) return now == 0 ? STEADY : NEW;
        if (Math.multiplyExact(now, 5L) > Math.multiplyExact(before, 6L)) return RISING;
        if (Math.multiplyExact(now, 5L) < Math.multiplyExact(before, 4L)) return FALLING;
        return STEADY;
    }

    /**
     * The trend of the rate {@code failedNow / totalNow} against {@code failedBefore / totalBefore}; a rate
     * over no total is 0. Never {@link #NEW}.
     */
    public static Trend ofRates(long failedNow, long totalNow, long failedBefore, long totalBefore) {
        // compare fn/tn with fb/tb without division, as fn*tb against fb*tn; a zero total makes its side 0
        BigInteger now = totalNow == 0 ? BigInteger.ZERO
                : BigInteger.valueOf(failedNow).multiply(BigInteger.valueOf(totalBefore == 0 ? 1 : totalBefore));
        BigInteger before = totalBefore == 0 ? BigInteger.ZERO
                : BigInteger.valueOf(failedBefore).multiply(BigInteger.valueOf(totalNow == 0 ? 1 : totalNow));
        BigInteger five = BigInteger.valueOf(5);
        if (now.multiply(five).compareTo(before.multiply(BigInteger.valueOf(6))) > 0) return RISING;
        if (now.multiply(five).compareTo(before.multiply(BigInteger.valueOf(4))) < 0) return FALLING;
        return STEADY;
    }
}
