package io.etlrecovery.report.internal;

/** How the reports read a run's status. */
public final class RunStatuses {

    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";

    private RunStatuses() {
    }

    /** Whether the run succeeded. */
    public static boolean succeeded(String status) {
        return SUCCEEDED.equals(status);
    }

    /** Whether the run has ended (any status but RUNNING). */
    public static boolean ended(String status) {
        return !RUNNING.equals(status);
    }

    /** Whether the run ended without succeeding: FAILED, STOPPED, ABANDONED, ROLLED_BACK (anything but these two). */
    public static boolean failed(String status) {
        return ended(status) && !succeeded(status);
    }
}
