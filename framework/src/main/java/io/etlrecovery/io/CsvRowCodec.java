package io.etlrecovery.io;

import io.etlrecovery.pipeline.RecordCodec;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** The codec of {@link CsvSource}; see {@link CsvSource#codec()}. */
final class CsvRowCodec implements RecordCodec<CsvRow> {

    static final String EXTRA = "_extra_";

    private final CsvSource source;

    CsvRowCodec(CsvSource source) {
        this.source = source;
    }

    @Override
    public LinkedHashMap<String, String> toFields(CsvRow row) {
        List<String> names = row.header();
        String[] values = row.rawValues();
        LinkedHashMap<String, String> fields = new LinkedHashMap<>(Math.max(16, values.length * 2));
        for (int i = 0; i < values.length; i++) {
            fields.put(i < names.size() ? names.get(i) : EXTRA + (i - names.size() + 1), values[i]);
        }
        return fields;
    }

    @Override
    public CsvRow fromFields(Map<String, String> fields) {
        CsvHeader header = headerForFields(fields);
        List<String> values = new ArrayList<>(header.size() + 2);
        for (String name : header.names) {
            String v = fields.get(name);
            values.add(v == null ? "" : v);
        }
        TreeMap<Integer, String> extras = new TreeMap<>();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            int n = extraNumber(e.getKey());
            if (n > 0 && header.indexOf(e.getKey()) < 0 && e.getValue() != null && !e.getValue().isEmpty()) {
                extras.put(n, e.getValue());
            }
        }
        values.addAll(extras.values());
        return new CsvRow(header, values.toArray(new String[0]));
    }

    /**
     * The source's header (given, or read from the file); if the file cannot be read any more, the fields'
     * own names in their order, without the {@code _extra_n} ones.
     */
    private CsvHeader headerForFields(Map<String, String> fields) {
        try {
            return header();
        } catch (IOException e) {
            List<String> names = new ArrayList<>();
            for (String name : fields.keySet()) {
                if (extraNumber(name) < 0) {
                    names.add(name);
                }
            }
            return CsvHeader.ofGiven(names, "fields");
        }
    }

    @Override
    public CsvRow fromRaw(String raw) throws IOException, MalformedRecordException {
        CsvHeader header = header();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(raw))
                .setFormat(source.parseFormat).get()) {
            Iterator<CSVRecord> it = parser.iterator();
            CSVRecord found = null;
            while (it.hasNext()) {
                CSVRecord r = it.next();
                if (r.size() == 1 && r.get(0).isEmpty() && r.getComment() == null) {
                    continue; // a blank line
                }
                if (found != null) {
                    throw new MalformedRecordException("the raw text holds more than one record (line "
                            + r.getParser().getCurrentLineNumber() + " starts another)");
                }
                found = r;
            }
            if (found == null) {
                throw new MalformedRecordException("the raw text holds no record");
            }
            return new CsvRow(header, found.values());
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            throw new MalformedRecordException("the raw text is not a valid record: " + cause.getMessage());
        }
    }

    private volatile CsvHeader fileHeader;

    /** The given header, or the file's (read once). */
    private CsvHeader header() throws IOException {
        if (source.givenHeader != null) {
            return source.givenHeader;
        }
        CsvHeader h = fileHeader;
        if (h == null) {
            try (CsvCursor cursor = new CsvCursor(source)) {
                cursor.start(null);
                h = cursor.header();
            }
            fileHeader = h;
        }
        return h;
    }

    static int extraNumber(String name) {
        if (!name.startsWith(EXTRA) || name.length() == EXTRA.length() || name.length() > EXTRA.length() + 9) {
            return -1;
        }
        int n = 0;
        for (int i = EXTRA.length(); i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
