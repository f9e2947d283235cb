/**
 * Internals of the runner (the batch loop, journal, locks, rollback); not an API: may change without notice.
 */
package io.etlrecovery.runner.internal;
