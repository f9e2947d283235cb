/**
 * The store: one database (embedded H2 by default, or PostgreSQL) that records every run, checkpoint, failure,
 * retry, quarantined record, breaker state, pattern, budget and health snapshot. {@link io.etlrecovery.store.Store}
 * opens it (migrating the schema with Flyway), runs work in transactions, and hands out one declarative Jdbi
 * repository per table; failures to open or to work are {@link io.etlrecovery.store.StoreException}s that name the
 * cause and what to do. All SQL is parameterized and portable.
 */
package io.etlrecovery.store;
