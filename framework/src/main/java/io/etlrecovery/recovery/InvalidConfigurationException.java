package io.etlrecovery.recovery;

import io.etlrecovery.EtlRecoveryException;

/**
 * A configuration file or value given to the recovery layer is invalid (for example a classification rules file
 * with an unknown key or a bad regular expression). The message names the file, the entry and the key, and says
 * what was expected. Unchecked; classified by {@link ErrorClassifier#defaults()} as
 * {@link ErrorCategory#CONFIGURATION}/{@link ErrorType#INVALID_CONFIGURATION}.
 */
public class InvalidConfigurationException extends EtlRecoveryException {

    public InvalidConfigurationException(String message) {
        super(message);
    }

    public InvalidConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
