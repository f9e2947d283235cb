package io.etlrecovery.recovery;

/** The finer kind of a failure, for reports; independent of how it is handled ({@link ErrorCategory}). */
public enum ErrorType {
    NETWORK, TIMEOUT, RATE_LIMIT, SERVICE_UNAVAILABLE, LOCK_CONFLICT, AUTHENTICATION, PERMISSION, NOT_FOUND,
    INVALID_CONFIGURATION, VALIDATION, CORRUPTED_DATA, CONSTRAINT_VIOLATION, STORAGE, QUOTA,
    RESOURCE_EXHAUSTION, CIRCUIT_OPEN, UNCLASSIFIED
}
