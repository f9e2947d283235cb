package io.etlrecovery.pipeline;

/**
 * Thrown by a {@link Processor} when a record breaks a rule: always classified as a DATA failure, so the
 * record is quarantined (never retried) and the run goes on. The message is shown to people and stored,
 * so it should name the field and the rule ("amount must be >= 0, was -3.50").
 */
public class ValidationException extends Exception {
    private final String field;

    public ValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    public ValidationException(String message) {
        this(null, message);
    }

    /** The field that broke the rule, or {@code null} when the rule is about the whole record. */
    public String field() {
        return field;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // an expected, high-volume outcome: the stack says nothing useful
    }
}
