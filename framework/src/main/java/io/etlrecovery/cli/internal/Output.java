package io.etlrecovery.cli.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Renders rows (ordered maps from column name to value) for the command line, in one of three {@link Format}s.
 * Every listing command ({@code db info}, {@code runs list}, {@code quarantine list}, ...) goes through here so
 * that they look and parse alike.
 *
 * <ul>
 *   <li>{@link Format#TABLE}: for people. A header line with the column names upper-cased and camel case split
 *       into words ({@code recordsRead} becomes {@code RECORDS READ}), then one line per row; columns are
 *       separated by two spaces, numeric columns (every value a {@link Number}) are right-aligned, {@code null}
 *       is empty, cells longer than {@value #MAX_CELL_WIDTH} characters are cut and end in {@code ...}, and
 *       every cell is made terminal-safe with {@link TerminalText#safe}. No rows: the header line only.</li>
 *   <li>{@link Format#JSON}: a JSON array of objects, keys the column names in column order, pretty-printed.
 *       Numbers and booleans stay JSON numbers and booleans, {@code null} stays {@code null}, maps and
 *       iterables nest, anything else is its {@code toString()} (so {@code Instant}s are ISO-8601 text).
 *       Control characters (C0, DEL, C1, bidi controls) are written as {@code \}{@code uXXXX} escapes, so the
 *       output is terminal-safe and parses back to the exact values.</li>
 *   <li>{@link Format#CSV}: RFC 4180 CSV with a header line of the column names, {@code \n} line ends, quoting
 *       only where needed, {@code null} as an empty field; values are made terminal-safe with
 *       {@link TerminalText#safeKeepingLineBreaks} (tabs and line breaks are kept, quoted).</li>
 * </ul>
 * A row's keys that are not columns are ignored; a column missing from a row is {@code null}. Output ends with a
 * line break in every format. Stateless and thread-safe.
 */
public final class Output {

    /** The longest cell of a {@link Format#TABLE}; longer values are cut (JSON and CSV carry them whole). */
    public static final int MAX_CELL_WIDTH = 120;

    /** How rows are rendered; parsed case-insensitively from {@code --format}. */
    public enum Format {
        /** An aligned text table for people (the default). */
        TABLE,
        /** A JSON array of objects. */
        JSON,
        /** CSV with a header line. */
        CSV
    }

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private Output() {
    }

    /**
     * Writes {@code rows} to {@code out} in {@code format}.
     *
     * @param columns the column names, in order; at least one, no duplicates
     * @throws IllegalArgumentException if {@code columns} is empty or has duplicates
     * @throws IOException if {@code out} fails
     */
    public static void write(Format format, List<String> columns, List<? extends Map<String, ?>> rows, Writer out)
            throws IOException {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(out, "out");
        checkColumns(columns);
        switch (format) {
            case TABLE -> writeTable(columns, rows, out);
            case JSON -> writeJson(columns, rows, out);
            case CSV -> writeCsv(columns, rows, out);
        }
        out.flush();
    }

    /** {@link #write} into a string. */
    public static String render(Format format, List<String> columns, List<? extends Map<String, ?>> rows) {
        StringWriter sw = new StringWriter();
        try {
            write(format, columns, rows, sw);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return sw.toString();
    }

    /** The table header of a column name: {@code recordsRead} and {@code records_read} become {@code RECORDS READ}. */
    public static String header(String column) {
        StringBuilder sb = new StringBuilder(column.length() + 4);
        for (int i = 0; i < column.length(); i++) {
            char c = column.charAt(i);
            if (c == '_' || c == '-') {
                sb.append(' ');
            } else {
                if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(column.charAt(i - 1))) sb.append(' ');
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString();
    }

    private static void checkColumns(List<String> columns) {
        Objects.requireNonNull(columns, "columns");
        if (columns.isEmpty()) throw new IllegalArgumentException("columns: at least one column is needed");
        if (new HashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException("columns: must not repeat a name, was " + columns);
        }
    }

    private static void writeTable(List<String> columns, List<? extends Map<String, ?>> rows, Writer out)
            throws IOException {
        int n = columns.size();
        List<String[]> cells = new ArrayList<>(rows.size());
        int[] width = new int[n];
        boolean[] numeric = new boolean[n];
        boolean[] sawValue = new boolean[n];
        java.util.Arrays.fill(numeric, true);
        String[] head = new String[n];
        for (int c = 0; c < n; c++) {
            head[c] = TerminalText.safe(header(columns.get(c)));
            width[c] = displayWidth(head[c]);
        }
        for (Map<String, ?> row : rows) {
            String[] line = new String[n];
            for (int c = 0; c < n; c++) {
                Object v = row.get(columns.get(c));
                if (v != null) {
                    sawValue[c] = true;
                    if (!(v instanceof Number)) numeric[c] = false;
                }
                line[c] = cut(TerminalText.safe(v == null ? "" : String.valueOf(v)));
                width[c] = Math.max(width[c], displayWidth(line[c]));
            }
            cells.add(line);
        }
        for (int c = 0; c < n; c++) numeric[c] &= sawValue[c];
        writeTableLine(head, width, numeric, out);
        for (String[] line : cells) writeTableLine(line, width, numeric, out);
    }

    private static void writeTableLine(String[] cells, int[] width, boolean[] rightAligned, Writer out)
            throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) sb.append("  ");
            int pad = width[c] - displayWidth(cells[c]);
            if (rightAligned[c]) sb.append(" ".repeat(pad)).append(cells[c]);
            else sb.append(cells[c]).append(" ".repeat(pad));
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') end--;
        sb.setLength(end);
        out.write(sb.append('\n').toString());
    }

    private static int displayWidth(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String cut(String s) {
        if (displayWidth(s) <= MAX_CELL_WIDTH) return s;
        return s.substring(0, s.offsetByCodePoints(0, MAX_CELL_WIDTH - 3)) + "...";
    }

    private static void writeJson(List<String> columns, List<? extends Map<String, ?>> rows, Writer out)
            throws IOException {
        JsonGenerator g = JSON.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setCharacterEscapes(TerminalSafeEscapes.INSTANCE);
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
                .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        g.setPrettyPrinter(pretty);
        g.writeStartArray();
        for (Map<String, ?> row : rows) {
            g.writeStartObject();
            for (String column : columns) {
                g.writeFieldName(column);
                writeJsonValue(g, row.get(column));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.flush();
        out.write('\n');
    }

    private static void writeJsonValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger bi) {
            g.writeNumber(bi);
        } else if (v instanceof BigDecimal bd) {
            g.writeNumber(bd);
        } else if (v instanceof Double || v instanceof Float) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeJsonValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Iterable<?> items) {
            g.writeStartArray();
            for (Object item : items) writeJsonValue(g, item);
            g.writeEndArray();
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    private static void writeCsv(List<String> columns, List<? extends Map<String, ?>> rows, Writer out)
            throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader(columns.stream().map(TerminalText::safe).toArray(String[]::new))
                .setRecordSeparator("\n")
                .get();
        CSVPrinter printer = new CSVPrinter(out, format);
        List<Object> record = new ArrayList<>(columns.size());
        for (Map<String, ?> row : rows) {
            record.clear();
            for (String column : columns) {
                Object v = row.get(column);
                record.add(v == null || v instanceof Number || v instanceof Boolean ? v
                        : TerminalText.safeKeepingLineBreaks(String.valueOf(v)));
            }
            printer.printRecord(record);
        }
        printer.flush();
    }

    /** JSON's own escapes, plus DEL, the C1 controls and the bidi controls as backslash-u escapes. */
    private static final class TerminalSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        static final TerminalSafeEscapes INSTANCE = new TerminalSafeEscapes();
        private final int[] ascii;

        private TerminalSafeEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch <= 0xffff && TerminalText.isUnsafe((char) ch)) {
                return new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch));
            }
            return null;
        }
    }
}
