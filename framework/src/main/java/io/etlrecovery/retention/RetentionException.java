package io.etlrecovery.retention;

import io.etlrecovery.EtlRecoveryException;

/**
 * A purge refused to delete because the aggregates that must outlive the deleted rows could not be secured first
 * (for example the store refused to write FAILURE_ANALYSIS rows). Nothing was deleted when it is thrown.
 */
public class RetentionException extends EtlRecoveryException {

    public RetentionException(String message) {
        super(message);
    }

    public RetentionException(String message, Throwable cause) {
        super(message, cause);
    }
}
