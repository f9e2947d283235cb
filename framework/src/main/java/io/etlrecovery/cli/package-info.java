/**
 * The {@code etl-recovery} command line: a thin layer that parses arguments, calls the API and formats what it
 * returns.
 *
 * <p>{@link io.etlrecovery.cli.Main} is the entry point of the runnable jar ({@code java -jar etl-recovery.jar});
 * {@link io.etlrecovery.cli.Main#run} runs a command in-process and returns its exit code, one of
 * {@link io.etlrecovery.cli.ExitCode}. Every command accepts {@code --help}; global options ({@code --db},
 * {@code --db-user}, {@code --db-password}, {@code --debug}) come before the command. Errors are printed as one
 * redacted, terminal-safe message, never as a stack trace unless {@code --debug} is given.
 *
 * <p>Adding a command: write a package-private {@code @Command} class here (see {@code DbInfoCommand}), get the
 * global options and the store through {@code EtlRecoveryCommand.of(spec)}, render listings with
 * {@link io.etlrecovery.cli.internal.Output} via the {@code FormatOption} mixin, and register the class in the
 * {@code subcommands} list of {@code EtlRecoveryCommand}, the one place where commands are listed.
 */
package io.etlrecovery.cli;
