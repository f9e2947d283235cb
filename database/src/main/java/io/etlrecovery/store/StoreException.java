package io.etlrecovery.store;

import io.etlrecovery.EtlRecoveryException;

/**
 * The store could not be opened, migrated, read or written. The message names the cause and what to do;
 * the JDBC URL in it is redacted. Subclasses name the common cases.
 */
public class StoreException extends EtlRecoveryException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The database file is held by another process that does not share it. */
    public static final class Locked extends StoreException {
        public Locked(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The store's directory or file cannot be written. */
    public static final class NotWritable extends StoreException {
        public NotWritable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The store's schema was written by a newer version of etl-recovery than this one. */
    public static final class SchemaTooNew extends StoreException {
        public SchemaTooNew(String message) {
            super(message);
        }
    }

    /** The JDBC URL is not one that any driver on the class path accepts. */
    public static final class InvalidUrl extends StoreException {
        public InvalidUrl(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The database could not be reached (a server is down, a connection broke). */
    public static final class Unavailable extends StoreException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
