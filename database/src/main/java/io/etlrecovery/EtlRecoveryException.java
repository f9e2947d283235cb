package io.etlrecovery;

/**
 * The one unchecked root exception of etl-recovery. Every exception the framework throws on its own account
 * extends it; subclasses are named for what happened and carry their context (pipeline, run, step, record
 * position, attempt) in the message, which is always redacted and written for a person: it names the cause
 * and what to do about it.
 */
public class EtlRecoveryException extends RuntimeException {

    public EtlRecoveryException(String message) {
        super(message);
    }

    public EtlRecoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
