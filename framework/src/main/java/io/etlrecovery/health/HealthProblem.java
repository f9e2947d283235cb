package io.etlrecovery.health;

/**
 * A pre-run check that failed.
 *
 * @param check    which: {@code disk} or {@code memory}
 * @param actual   the value measured, in bytes
 * @param required the minimum configured, in bytes
 * @param message  a sentence naming both numbers and what to do
 */
public record HealthProblem(String check, long actual, long required, String message) {
}
