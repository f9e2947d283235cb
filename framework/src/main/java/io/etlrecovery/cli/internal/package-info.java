/**
 * Helpers of the command line: {@link io.etlrecovery.cli.internal.Output} (table, JSON and CSV listings),
 * {@link io.etlrecovery.cli.internal.TerminalText} (terminal-safe text),
 * {@link io.etlrecovery.cli.internal.AtomicFiles} (write-then-rename files) and
 * {@link io.etlrecovery.cli.internal.StoreVerifier} (read-only store checks).
 *
 * <p>Not API: these types may change or disappear in any release; depend on the command line's behaviour
 * (its output formats and exit codes) instead.
 */
package io.etlrecovery.cli.internal;
