package io.etlrecovery.pipeline;

import java.util.Objects;

/**
 * One record as a {@link Source} read it: its position, its raw text (kept for quarantine) and either its
 * parsed value or the reason it could not be parsed.
 *
 * <p>A source never throws for a record it cannot parse: it returns a record with a {@link #parseError()},
 * which the runner quarantines (with the raw text and position) and counts as a failed record.
 *
 * @param position   where the record came from
 * @param raw        the record's text as it was in the source (for a file: its line(s) without the final
 *                   line break), possibly truncated to the source's record-size limit
 * @param value      the parsed value, {@code null} exactly when {@code parseError} is set
 * @param parseError why the record could not be parsed, or {@code null}
 * @param <T>        the parsed value's type
 */
public record SourceRecord<T>(Position position, String raw, T value, Exception parseError) {

    public SourceRecord {
        Objects.requireNonNull(position, "position");
        if ((value == null) == (parseError == null)) {
            throw new IllegalArgumentException("exactly one of value and parseError must be set at " + position);
        }
    }

    public static <T> SourceRecord<T> parsed(Position position, String raw, T value) {
        return new SourceRecord<>(position, raw, Objects.requireNonNull(value, "value"), null);
    }

    public static <T> SourceRecord<T> failed(Position position, String raw, Exception parseError) {
        return new SourceRecord<>(position, raw, null, Objects.requireNonNull(parseError, "parseError"));
    }

    public boolean isParsed() {
        return parseError == null;
    }
}
