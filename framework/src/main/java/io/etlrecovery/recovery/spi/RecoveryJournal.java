package io.etlrecovery.recovery.spi;

import io.etlrecovery.recovery.internal.LoggingJournal;

/**
 * Receives everything the {@link io.etlrecovery.recovery.ErrorRecoveryManager} observes: one
 * {@link FailureRecord} per failed call episode once it is resolved, and the {@link RecoveryActionRecord}s.
 *
 * <p>Called synchronously on the calling thread, never on the success path of a call that succeeded at its first
 * attempt. Implementations must be thread-safe and quick: the pipeline runner's implementation buffers the
 * rows and writes them in the batch's transaction. An implementation that throws is logged and ignored by the
 * manager.
 */
public interface RecoveryJournal {

    /** A failed call episode, resolved. */
    void failure(FailureRecord record);

    /** A recovery action. */
    void action(RecoveryActionRecord action);

    /** The default: logs failures at WARN and actions at INFO through SLF4J (logger {@code io.etlrecovery.journal}). */
    static RecoveryJournal logging() {
        return LoggingJournal.INSTANCE;
    }
}
