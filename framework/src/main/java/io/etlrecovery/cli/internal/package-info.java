/**
 * Helpers of the command line: {@link io.etlrecovery.cli.internal.Output} (table, JSON and CSV listings),
 * {@link io.etlrecovery.cli.internal.TerminalText} (terminal-safe text),
 * {@link io.etlrecovery.cli.internal.StoreVerifier} (read-only store checks),
 * {@link io.etlrecovery.cli.internal.RunConsole} (running a pipeline for a user: pre-run checks, health sampling,
 * {@link io.etlrecovery.cli.internal.RunProgress progress} and the {@link io.etlrecovery.cli.internal.RunSummary
 * summary}), {@link io.etlrecovery.cli.internal.Quantities} (sizes and rates given as options),
 * {@link io.etlrecovery.cli.internal.Cells} (report cells for people or programs),
 * {@link io.etlrecovery.cli.internal.RecoveryRecap} (what recovery did in one run, for {@code demo}) and
 * {@link io.etlrecovery.cli.internal.KnownPipelines} (the report commands' {@code --pipeline} check).
 *
 * <p>Not API: these types may change or disappear in any release; depend on the command line's behaviour
 * (its output formats and exit codes) instead.
 */
package io.etlrecovery.cli.internal;
