package io.etlrecovery.recovery;

import java.util.Objects;

/**
 * The verdict of an {@link ErrorClassifier} on one failure: immutable.
 *
 * @param category    how the failure is handled
 * @param type        the finer kind, for reports
 * @param severity    how urgent it is
 * @param recoverable whether trying again (now or after a fix of the data) can succeed
 * @param remediation what a person should do about it, in one or two sentences
 * @param ruleName    the name of the rule that matched ({@code "default"} when none did)
 */
public record Classification(ErrorCategory category, ErrorType type, Severity severity, boolean recoverable,
                             String remediation, String ruleName) {
    public Classification {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        remediation = remediation == null ? "" : remediation;
        ruleName = ruleName == null ? "default" : ruleName;
    }
}
