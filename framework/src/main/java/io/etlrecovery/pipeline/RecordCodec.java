package io.etlrecovery.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a source's values into named text fields and back, so that a quarantined record can be exported
 * to CSV, corrected by a person and fed through the pipeline again.
 *
 * <p>A run calls {@code toFields} for failed records on its main thread, and for records the sink refused on the
 * step's writer thread while the main thread reads the next batch: keep it free of shared mutable state.
 *
 * @param <T> the type of the source's values
 */
public interface RecordCodec<T> {

    /** The value's fields by name, in order (for a CSV row: its header's names, then {@code _extra_1}...). */
    LinkedHashMap<String, String> toFields(T value);

    /** Rebuilds a value from fields as {@link #toFields} named them (a missing field is empty). */
    T fromFields(Map<String, String> fields) throws Exception;

    /** Rebuilds a value from the record's raw text, as the source would have parsed it. */
    T fromRaw(String raw) throws Exception;
}
