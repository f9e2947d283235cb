package io.etlrecovery.store;

import java.sql.Connection;

/**
 * One connection to the store, inside a transaction when opened by {@link Store#inTransaction}: every
 * repository it hands out writes through the same connection, so their writes commit together or not at all.
 * Valid only inside the callback that received it.
 */
public interface StoreSession {

    /**
     * The session's JDBC connection (for sinks writing their own tables); do not commit or close it, nor change its
     * settings (schema, read-only, isolation): the store hands the same connection to later sessions.
     */
    Connection connection();

    RunRepository runs();

    LockRepository locks();

    CheckpointRepository checkpoints();

    ErrorRepository errors();

    QuarantineRepository quarantine();

    BreakerRepository breakers();

    PatternRepository patterns();

    ActionRepository actions();

    HealthRepository health();

    /** Any other declarative repository (a Jdbi SQL object interface) attached to this session. */
    <T> T attach(Class<T> repositoryType);
}
