package io.etlrecovery.runner;

import io.etlrecovery.EtlRecoveryException;

/**
 * A run was refused before it started: another run of the pipeline is active, the input was already loaded, the
 * input changed under an unfinished run, there is nothing to resume, or a pre-run check failed. The message
 * says which and what to do. Exit code 4 on the command line.
 */
public class RunRefusedException extends EtlRecoveryException {

    /** Why a run was refused. */
    public enum Reason { ACTIVE_RUN, ALREADY_LOADED, INPUT_CHANGED, NOTHING_TO_RESUME, PRE_RUN_CHECK }

    private final Reason reason;

    public RunRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
