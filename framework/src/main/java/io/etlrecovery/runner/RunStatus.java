package io.etlrecovery.runner;

/** The status of a run, as stored in PIPELINE_RUNS.STATUS. */
public enum RunStatus {
    /** Running now, or crashed while running (its heartbeat tells which). */
    RUNNING,
    /** Every step completed. */
    SUCCEEDED,
    /** Stopped by a failure that needs a fix (configuration, an unexpected error); resumable once fixed. */
    FAILED,
    /** Stopped on purpose with its checkpoint intact (error threshold, open breaker, system error, time limit). */
    STOPPED,
    /** Given up: never resumed again. */
    ABANDONED,
    /** What it loaded was removed. */
    ROLLED_BACK;

    /** Whether a run in this status can be resumed. */
    public boolean isResumable() {
        return this == RUNNING || this == FAILED || this == STOPPED;
    }
}
