package io.etlrecovery.recovery;

/** What happens to a record whose failure is not (or no longer) retried. See {@link RecoveryPolicies}. */
public enum OnExhausted {
    /** Set the record aside in quarantine and go on with the next one. */
    QUARANTINE,
    /** Stop the run (resumably, from the last checkpoint): every other record would fail the same way. */
    STOP_RUN
}
