package io.etlrecovery.cli;

/**
 * The exit codes of {@code etl-recovery}, the same for every command and listed in {@code --help}. Scripts can
 * rely on them: they only ever gain new values, never change the meaning of one.
 */
public enum ExitCode {
    /** The command did what was asked. */
    OK(0, "ok"),
    /** The command failed and what it did cannot be resumed (or it was not a run). */
    FAILED(1, "failed, not resumable"),
    /** The command line was wrong: an unknown command or option, a missing or malformed value. */
    USAGE(2, "usage error (the message says what is wrong)"),
    /** A run stopped with its checkpoint intact: run the same command again to resume. */
    STOPPED_RESUMABLE(3, "stopped, resumable: run the same command again to resume"),
    /** A run was refused before it started (another run is active, the input was already loaded, ...). */
    REFUSED(4, "refused to start"),
    /** The store could not be opened, read, written or verified. */
    STORE_ERROR(5, "store error: cannot open, read or write the store, or it failed db verify");

    private final int code;
    private final String description;

    ExitCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The process exit code. */
    public int code() {
        return code;
    }

    /** One line for {@code --help}. */
    public String description() {
        return description;
    }
}
