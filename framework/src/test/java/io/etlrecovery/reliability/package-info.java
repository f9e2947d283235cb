/**
 * Reliability tests (issue 7): whole runs over malformed input, store faults (a killed database server, a full disk,
 * a read-only file system), sink faults, concurrent pipelines on one store, and hostile record content. Each asserts
 * the invariant checked by {@code Ledger}: every input record loaded or quarantined exactly once, with counts in
 * PIPELINE_RUNS that match.
 */
package io.etlrecovery.reliability;
