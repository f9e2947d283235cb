package io.etlrecovery.recovery;

/** How urgently a person should look at a failure. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL
}
