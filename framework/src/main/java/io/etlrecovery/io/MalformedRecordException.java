package io.etlrecovery.io;

import io.etlrecovery.pipeline.ValidationException;

/**
 * Why a source could not turn a record's text into a value: a CSV record that breaks the format (an unclosed
 * quote, a character after a closing quote), holds bytes that are invalid in the file's charset, or is longer
 * than the configured limits. It is a {@link ValidationException}, so it is always classified as a DATA
 * failure: the record is quarantined with its raw text and position, never retried. The message names the
 * physical line and the rule; it carries no stack trace.
 */
public final class MalformedRecordException extends ValidationException {

    /**
     * @param field   the field at fault (a column name), or {@code null} when it is about the whole record
     * @param message what is wrong, for a person
     */
    public MalformedRecordException(String field, String message) {
        super(field, message);
    }

    /** @param message what is wrong with the whole record, for a person */
    public MalformedRecordException(String message) {
        super(message);
    }
}
