package io.etlrecovery.report.internal;

/** A total and its failures. */
public record Counts(long total, long failed) {

    public static final Counts ZERO = new Counts(0, 0);

    public Counts plus(Counts o) {
        return new Counts(total + o.total, failed + o.failed);
    }

    /** {@code failed / total}, 0 when the total is 0. */
    public double ratio() {
        return total == 0 ? 0.0 : (double) failed / total;
    }
}
