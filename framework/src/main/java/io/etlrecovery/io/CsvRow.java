package io.etlrecovery.io;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One parsed CSV record: its values and the header of its file.
 *
 * <p>Immutable and cheap: all rows of a file share one header (names and a name-to-index map); a row holds
 * only its values. A row may have fewer or more values than the header has names, since
 * {@link CsvSource} does not validate the column count ({@link #isConsistent()} tells). Equality is by
 * header names and values.
 */
public final class CsvRow {

    private final CsvHeader header;
    private final String[] values;

    CsvRow(CsvHeader header, String[] values) {
        this.header = header;
        this.values = values;
    }

    /**
     * A row with the given header names and values (for tests and codecs; a source shares one header among
     * its rows instead).
     *
     * @throws IllegalArgumentException if a header name is null, empty or repeated
     * @throws NullPointerException     if {@code header} or {@code values} is null
     */
    public static CsvRow of(List<String> header, List<String> values) {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(values, "values");
        return new CsvRow(CsvHeader.ofGiven(header, "header"), values.toArray(new String[0]));
    }

    /**
     * The value of {@code column}, or {@code null} when this row is shorter than the header (or when the
     * format maps some text to null).
     *
     * @throws IllegalArgumentException if the header has no column {@code column}; the message lists the
     *                                  known columns
     */
    public String get(String column) {
        int i = header.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in the header; known columns: "
                    + header.names);
        }
        return i < values.length ? values[i] : null;
    }

    /**
     * The value at {@code index} (0-based).
     *
     * @throws IndexOutOfBoundsException if {@code index} is negative or not less than {@link #size()}
     */
    public String get(int index) {
        Objects.checkIndex(index, values.length);
        return values[index];
    }

    /** How many values this row has. */
    public int size() {
        return values.length;
    }

    /** The header's names, in order (unique: a file's repeated or empty names are renamed). */
    public List<String> header() {
        return header.names;
    }

    /** Whether this row has exactly as many values as the header has names. */
    public boolean isConsistent() {
        return values.length == header.size();
    }

    /** The values, as an unmodifiable list. */
    public List<String> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    CsvHeader csvHeader() {
        return header;
    }

    String[] rawValues() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof CsvRow r && header.equals(r.header) && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + Arrays.hashCode(values);
    }

    /** A short form for logs: {@code CsvRow{order_id=1, customer_id=C000001, _extra_1=X}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CsvRow{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(i < header.size() ? header.names.get(i) : "_extra_" + (i - header.size() + 1))
                    .append('=').append(values[i]);
        }
        return sb.append('}').toString();
    }
}
