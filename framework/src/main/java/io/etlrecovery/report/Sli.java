package io.etlrecovery.report;

/** What an error budget counts (the service level indicator). */
public enum Sli {
    /** Records read by committed batches; a quarantined record is a failure. */
    RECORDS,
    /** Runs that ended; a run that did not succeed (FAILED, STOPPED, ABANDONED, ROLLED_BACK) is a failure. */
    RUNS
}
