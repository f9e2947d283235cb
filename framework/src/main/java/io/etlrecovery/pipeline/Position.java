package io.etlrecovery.pipeline;

import java.util.Objects;

/**
 * Where a record came from: enough to name it to a person and to resume after it.
 *
 * <p>For a file, {@code recordNumber} is the 1-based number of the record (blank lines are not records) and
 * {@code lineNumber} the 1-based physical line where it starts (the header is line 1). For a table,
 * {@code key} holds the keyset value of the row and {@code recordNumber} its ordinal in the read.
 *
 * @param recordNumber 1-based number of the record in its source
 * @param lineNumber   1-based physical line where the record starts, or 0 when the source has no lines
 * @param key          the record's key in its source, or {@code null} when the source is positional
 */
public record Position(long recordNumber, long lineNumber, String key) {

    public Position {
        if (recordNumber < 0) throw new IllegalArgumentException("recordNumber must be >= 0, was " + recordNumber);
        if (lineNumber < 0) throw new IllegalArgumentException("lineNumber must be >= 0, was " + lineNumber);
    }

    /** A position in a file: record {@code recordNumber}, starting on physical line {@code lineNumber}. */
    public static Position ofLine(long recordNumber, long lineNumber) {
        return new Position(recordNumber, lineNumber, null);
    }

    /** A position in a table: the {@code recordNumber}-th row read, whose key is {@code key}. */
    public static Position ofKey(long recordNumber, String key) {
        return new Position(recordNumber, 0, Objects.requireNonNull(key, "key"));
    }

    /** A short human form: {@code record 12 (line 13)} or {@code record 12 (key 4711)}. */
    @Override
    public String toString() {
        if (key != null) return "record " + recordNumber + " (key " + key + ")";
        if (lineNumber > 0) return "record " + recordNumber + " (line " + lineNumber + ")";
        return "record " + recordNumber;
    }
}
