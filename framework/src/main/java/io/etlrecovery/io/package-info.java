/**
 * Ready-made sources and sinks: read a CSV file or a table resumably, write batches into a table.
 *
 * <ul>
 * <li>{@link io.etlrecovery.io.CsvSource}: the records of a CSV file as {@link io.etlrecovery.io.CsvRow}s,
 * parsed by Apache Commons CSV, with exact positions and raw text; bad input (broken quoting, invalid bytes,
 * oversized records) comes back as failed records carrying a
 * {@link io.etlrecovery.io.MalformedRecordException}, never as an exception; resumes right after a
 * checkpoint without re-parsing the file.</li>
 * <li>{@link io.etlrecovery.io.JdbcSource}: the rows of a table or query by keyset pagination (never
 * OFFSET), mapped by a {@link io.etlrecovery.io.RowMapper}.</li>
 * <li>{@link io.etlrecovery.io.JdbcSink}: JDBC batch INSERT (or idempotent MERGE) into the store's database
 * in the batch's own transaction; with a run column it can undo a run
 * ({@link io.etlrecovery.pipeline.Compensable}).</li>
 * <li>{@link io.etlrecovery.io.Upsert}: the same portable MERGE for sinks that write elsewhere and are
 * therefore at-least-once.</li>
 * <li>{@link io.etlrecovery.io.AtomicFiles}: files written whole or not at all (a temporary file forced to disk,
 * then renamed over the target), for exports and reports.</li>
 * </ul>
 *
 * Table and column names are validated as SQL identifiers when a builder is configured; values are always
 * bound parameters. The SQL is portable: it runs on H2 2.x and PostgreSQL 15+.
 */
package io.etlrecovery.io;
