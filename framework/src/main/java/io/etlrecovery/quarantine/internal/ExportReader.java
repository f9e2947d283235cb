package io.etlrecovery.quarantine.internal;

import io.etlrecovery.quarantine.QuarantineException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a corrected export back: one {@link Row} per non-blank row, its values unescaped
 * ({@link FormulaEscaping}). Accepts what spreadsheets do to a CSV file: a byte order mark, CRLF or LF line
 * ends, blank rows, missing trailing cells (read as empty), deleted {@code error_*} columns. Refuses, naming the
 * row, what would make it guess: no {@code quarantine_id} column, a repeated column name, an id that is not a
 * number or appears twice, non-empty cells beyond the header.
 */
public final class ExportReader {

    private ExportReader() {
    }

    /**
     * One row of a corrected export.
     *
     * @param quarantineId the record it stands for
     * @param row          its 1-based row number in the file (the header is row 1)
     * @param fields       the field columns' values, in column order (empty cells as "")
     * @param raw          the {@code _raw} cell when the row is to be rebuilt from it (every field cell empty and
     *                     {@code _raw} not), else {@code null}
     */
    public record Row(long quarantineId, long row, LinkedHashMap<String, String> fields, String raw) {
    }

    public static List<Row> read(Path file) {
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
             CSVParser parser = CSVParser.builder().setReader(reader)
                     .setFormat(CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get()).get()) {
            return read(file, parser);
        } catch (NoSuchFileException e) {
            throw new QuarantineException("The corrected export " + file + " does not exist. Give the path of a file "
                    + "written by 'quarantine export'.");
        } catch (CharacterCodingException e) {
            throw new QuarantineException("The corrected export " + file + " is not UTF-8 text. Save it from the "
                    + "spreadsheet as \"CSV UTF-8\" and try again.");
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof CharacterCodingException) {
                throw new QuarantineException("The corrected export " + file + " is not UTF-8 text. Save it from the "
                        + "spreadsheet as \"CSV UTF-8\" and try again.");
            }
            throw new QuarantineException("Cannot read the corrected export " + file + ": " + cause.getMessage()
                    + ". It must be a CSV file as written by 'quarantine export'.", e);
        }
    }

    private static List<Row> read(Path file, CSVParser parser) {
        List<String> header = null;
        int idIndex = -1;
        int rawIndex = -1;
        List<Integer> fieldIndexes = new ArrayList<>();
        List<String> fieldNames = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Map<Long, Long> seen = new HashMap<>();
        for (CSVRecord rec : parser) {
            if (isBlank(rec)) continue;
            long rowNo = rec.getRecordNumber();
            if (header == null) {
                header = new ArrayList<>();
                Set<String> names = new HashSet<>();
                for (int i = 0; i < rec.size(); i++) {
                    String name = FormulaEscaping.unescape(rec.get(i));
                    if (i == 0 && name.startsWith("\uFEFF")) name = name.substring(1);
                    if (!names.add(name)) {
                        throw new QuarantineException("The corrected export " + file + " has the column '" + name
                                + "' twice. Remove one of them; each field must have one column.");
                    }
                    header.add(name);
                    if (name.equals(ExportColumns.ID)) idIndex = i;
                    else if (name.equals(ExportColumns.RAW)) rawIndex = i;
                    else if (!name.equals(ExportColumns.CATEGORY) && !name.equals(ExportColumns.MESSAGE)) {
                        if (name.isEmpty()) continue; // an empty trailing column a spreadsheet added
                        fieldIndexes.add(i);
                        fieldNames.add(name);
                    }
                }
                if (idIndex < 0) {
                    throw new QuarantineException("The file " + file + " is not a quarantine export: its header has "
                            + "no " + ExportColumns.ID + " column (it has: " + String.join(", ", header) + "). Write "
                            + "one with 'quarantine export', correct values in it, and keep its header.");
                }
                continue;
            }
            for (int i = header.size(); i < rec.size(); i++) {
                if (!rec.get(i).isEmpty()) {
                    throw new QuarantineException("Row " + rowNo + " of " + file + " has " + rec.size() + " cells but "
                            + "the header has " + header.size() + " columns. Put each value in its column (a field "
                            + "beyond the original header goes in an _extra_n column).");
                }
            }
            String idCell = cell(rec, idIndex).strip();
            long id;
            try {
                id = Long.parseLong(idCell);
            } catch (NumberFormatException e) {
                id = -1;
            }
            if (id < 1) {
                throw new QuarantineException("Row " + rowNo + " of " + file + ": " + ExportColumns.ID + " '"
                        + idCell + "' is not a quarantine id. Keep the ids as exported; delete a row to leave its record "
                        + "alone.");
            }
            Long previous = seen.put(id, rowNo);
            if (previous != null) {
                throw new QuarantineException("Rows " + previous + " and " + rowNo + " of " + file + " both have "
                        + ExportColumns.ID + " " + id + ". Keep one row per record.");
            }
            LinkedHashMap<String, String> fields = new LinkedHashMap<>();
            boolean anyField = false;
            for (int k = 0; k < fieldIndexes.size(); k++) {
                String v = FormulaEscaping.unescape(cell(rec, fieldIndexes.get(k)));
                anyField |= !v.isEmpty();
                fields.put(fieldNames.get(k), v);
            }
            String raw = rawIndex < 0 ? "" : FormulaEscaping.unescape(cell(rec, rawIndex));
            rows.add(new Row(id, rowNo, fields, !anyField && !raw.isEmpty() ? raw : null));
        }
        if (header == null) {
            throw new QuarantineException("The file " + file + " is empty: it is not a quarantine export. Write one "
                    + "with 'quarantine export'.");
        }
        return rows;
    }

    private static String cell(CSVRecord rec, int i) {
        return i < rec.size() ? rec.get(i) : "";
    }

    private static boolean isBlank(CSVRecord rec) {
        for (String v : rec) if (!v.isEmpty()) return false;
        return true;
    }
}
