/**
 * Quarantined records after the run: list them, export them to CSV for correction in a spreadsheet, feed them
 * through their pipeline again (as stored, or with the values of a corrected export), or discard them with a
 * reason. Everything goes through {@link io.etlrecovery.quarantine.Quarantine}:
 *
 * <pre>{@code
 * Quarantine q = Quarantine.on(store);
 * q.export("orders-import", OptionalLong.empty(), Path.of("bad-orders.csv"));
 * // ... a person fixes values in bad-orders.csv ...
 * ReprocessResult r = q.reprocess(runner, pipeline, ReprocessRequest.fromExport(Path.of("bad-orders.csv")));
 * }</pre>
 *
 * <p>A quarantined record is never deleted: it ends REPROCESSED (naming the run that loaded it) or DISCARDED
 * (with the reason given), and every discard and reprocessing is recorded in RECOVERY_ACTIONS.
 */
package io.etlrecovery.quarantine;
