package io.etlrecovery.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlrecovery.io.internal.CharWindow;
import io.etlrecovery.io.internal.FileCharDecoder;
import io.etlrecovery.pipeline.Position;
import io.etlrecovery.pipeline.Source;
import io.etlrecovery.pipeline.SourceRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read over a {@link CsvSource}. Commons CSV splits records and fields; this cursor works out where each
 * record starts and ends from the number of line ends the parser consumed, slices the raw text from a
 * {@link CharWindow} that holds the characters since the current record's start, and restarts the parser
 * after a bad record (see {@link CsvSource} for the rules).
 */
final class CsvCursor implements Source.Cursor<CsvRow> {

    private static final Logger LOG = LoggerFactory.getLogger(CsvSource.class);

    /** Jackson only when a checkpoint is read (class loading it costs startup time). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static final int END = 0;
    private static final int PARSED = 1;
    private static final int FAILED = 2;

    private final CsvSource src;
    private final boolean report;
    private final long maxRecord;
    private final int maxField;
    private final int prefixLength;
    private final int quote;
    private final int escape;
    private final int delimiter;
    private final boolean ignoreSpaces;

    private long fileSize;
    private CharWindow window;
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private long parserLinesBefore;
    /** Where the next record's text (or a blank line before it) starts, and its physical line. */
    private long spanStart;
    private long spanLine = 1;

    private CsvHeader header = CsvHeader.EMPTY;
    private long recordNumber;
    private Position last;
    private SourceRecord<CsvRow> pending;
    private boolean ended;
    private Source.Checkpoint resumedFrom;

    // the unit readUnit() found (fields, to allocate nothing per record)
    private CSVRecord unitRecord;
    private long unitLine;
    private String unitRaw;
    private String unitError;
    private String unitField;
    private long unitBadLine;
    // results of the scans
    private long scanContentEnd;
    private long scanEnd;
    private long scanLines;
    private boolean scanUnclosed;
    private long scanFirstLineEnd;
    private long scanFirstLineContentEnd;
    private String scanRaw;
    private long scanLength;

    CsvCursor(CsvSource src) {
        this.src = src;
        this.report = src.malformedInput == CsvSource.MalformedInput.REPORT;
        this.maxRecord = src.maxRecordLength;
        this.maxField = src.maxFieldLength;
        this.prefixLength = Math.min(CsvSource.RAW_PREFIX, src.maxRecordLength);
        Character q = src.parseFormat.getQuoteCharacter();
        Character e = src.parseFormat.getEscapeCharacter();
        this.quote = q == null ? -2 : q;
        this.escape = e == null ? -2 : e;
        this.delimiter = src.parseFormat.getDelimiterString().charAt(0);
        this.ignoreSpaces = src.parseFormat.getIgnoreSurroundingSpaces();
    }

    void start(Source.Checkpoint resumeAfter) throws IOException {
        fileSize = Files.size(src.file);
        window = new CharWindow(FileCharDecoder.open(src.file, src.charset, report, 0, 0), 0);
        newParser(0);
        SourceRecord<CsvRow> headerFailure = null;
        if (src.headerLine) {
            int kind = readUnit(true);
            if (kind == END) {
                ended = true;
            } else if (src.givenHeader != null) {
                if (kind == FAILED) {
                    LOG.warn("{}: the header line (line {}) that the format skips is malformed: {}", src.file,
                            unitLine, unitError);
                }
            } else if (kind == PARSED) {
                List<String> notes = new ArrayList<>();
                header = CsvHeader.ofFile(unitRecord.values(), notes);
                if (!notes.isEmpty()) {
                    LOG.warn("{}: repeated or empty header names were renamed: {}", src.file, notes);
                }
                if (unitBadLine > 0) {
                    LOG.warn("{}: the header holds bytes that are invalid in {}; they were replaced by U+FFFD",
                            src.file, src.charset.name());
                }
            } else {
                headerFailure = SourceRecord.failed(Position.ofLine(0, unitLine), unitRaw,
                        new MalformedRecordException("the header record cannot be parsed, so the rows are read "
                                + "without column names: " + unitError));
            }
        }
        if (src.givenHeader != null) {
            header = src.givenHeader;
        }
        if (resumeAfter != null && resumeAfter.last() != null) {
            resumedFrom = resumeAfter;
            if (!ended) {
                resume(resumeAfter);
            }
            last = resumeAfter.last();
        } else {
            pending = headerFailure;
        }
    }

    private void resume(Source.Checkpoint checkpoint) throws IOException {
        long[] data = parseData(checkpoint.data());
        if (data != null && data[0] >= spanStart && data[1] >= spanLine && data[2] >= 0) {
            long target = data[0];
            long seekChar = data[3];
            long seekByte = data[4];
            if (seekChar > spanStart && seekChar <= target && seekByte > 0
                    && FileCharDecoder.isSeekable(src.charset)) {
                window.restart(FileCharDecoder.open(src.file, src.charset, report, seekByte, seekChar), seekChar,
                        target);
            }
            spanStart = target;
            spanLine = data[1];
            recordNumber = data[2];
            newParser(target);
            window.source().dropMalformedBefore(target);
            return;
        }
        LOG.warn("{}: checkpoint data {} is not usable; re-reading the file to skip {} records", src.file,
                checkpoint.data(), checkpoint.last().recordNumber());
        long skip = checkpoint.last().recordNumber();
        while (recordNumber < skip && next() != null) {
            // skipping what was read before
        }
    }

    /** {char, line, record, seekChar, seekByte} from checkpoint data, or null if it is not usable. */
    private static long[] parseData(String data) {
        if (data == null) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(data);
            if (!node.path("char").canConvertToLong() || !node.path("line").canConvertToLong()
                    || !node.path("record").canConvertToLong()) {
                return null;
            }
            return new long[] {node.get("char").asLong(), node.get("line").asLong(), node.get("record").asLong(),
                    node.path("seekChar").asLong(-1), node.path("seekByte").asLong(-1)};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The header in use (after {@link #start}). */
    CsvHeader header() {
        return header;
    }

    @Override
    public SourceRecord<CsvRow> next() throws IOException {
        if (pending != null) {
            SourceRecord<CsvRow> r = pending;
            pending = null;
            last = r.position();
            return r;
        }
        if (ended) {
            return null;
        }
        int kind = readUnit(false);
        if (kind == END) {
            ended = true;
            return null;
        }
        Position position = Position.ofLine(++recordNumber, unitLine);
        last = position;
        if (kind == PARSED) {
            return SourceRecord.parsed(position, unitRaw, new CsvRow(header, unitRecord.values()));
        }
        return SourceRecord.failed(position, unitRaw, new MalformedRecordException(unitField, unitError));
    }

    @Override
    public Source.Checkpoint checkpoint() {
        if (last == null) {
            return new Source.Checkpoint(null, null);
        }
        if (resumedFrom != null && last == resumedFrom.last()) {
            return resumedFrom;
        }
        StringBuilder sb = new StringBuilder(96).append("{\"char\":").append(spanStart)
                .append(",\"line\":").append(spanLine).append(",\"record\":").append(recordNumber);
        long[] seek = window.source().seekPointAtOrBefore(spanStart);
        if (seek != null && seek[1] > 0) {
            sb.append(",\"seekChar\":").append(seek[0]).append(",\"seekByte\":").append(seek[1]);
        }
        return new Source.Checkpoint(last, sb.append('}').toString());
    }

    @Override
    public double fractionRead() {
        if (fileSize == 0) {
            return 1.0;
        }
        return ended ? 1.0 : Math.min(1.0, (double) window.source().bytePosition() / fileSize);
    }

    @Override
    public void close() throws IOException {
        if (window != null) {
            window.close();
        }
    }

    private void newParser(long offset) throws IOException {
        window.startDelivery(offset);
        window.setCap(offset + maxRecord + 2);
        parser = CSVParser.builder().setReader(window.parserReader()).setFormat(src.parseFormat).get();
        records = parser.iterator();
        parserLinesBefore = 0;
    }

    /**
     * Reads the next unit that is not a blank line: PARSED (unitRecord, unitRaw, unitLine), FAILED (unitRaw,
     * unitError, unitField, unitLine) or END. With {@code lenientBytes}, invalid bytes only set unitBadLine.
     */
    private int readUnit(boolean lenientBytes) throws IOException {
        while (true) {
            CSVRecord rec;
            try {
                rec = records.hasNext() ? records.next() : null;
            } catch (RuntimeException e) {
                IOException failure = window.failure();
                if (failure != null) {
                    throw failure;
                }
                return window.capReached() ? tooLong() : malformed(e);
            }
            long linesNow = parser.getCurrentLineNumber();
            long lines = linesNow - parserLinesBefore;
            parserLinesBefore = linesNow;
            if (rec == null) {
                if (atEndAfter(lines)) {
                    return END;
                }
                continue;
            }
            long start = spanStart;
            long line = spanLine;
            if (rec.hasComment()) {
                long commentLines = 1 + rec.getComment().chars().filter(c -> c == '\n').count();
                start = scanLines(start, commentLines);
                line += commentLines;
                lines -= commentLines;
            }
            // one pass over the values: the longest, and the record's length if it had no quotes
            String[] values = rec.values();
            long guess = start + values.length - 1;
            int longest = 0;
            for (String v : values) {
                if (v == null) {
                    guess = Long.MIN_VALUE;
                } else {
                    int n = v.length();
                    guess += n;
                    longest = Math.max(longest, n);
                }
            }
            long end = lines <= 1 ? endOfOneLineRecord(start, guess) : -1;
            long contentEnd = scanContentEnd;
            if (end < 0) {
                lines = Math.max(lines, 1);
                end = scanLines(start, lines);
                contentEnd = scanContentEnd;
            } else {
                lines = 1;
            }
            spanStart = end;
            spanLine = line + lines;
            window.keepFrom(end);
            window.setCap(end + maxRecord + 2);
            if (contentEnd == start) {
                continue; // a blank line
            }
            unitLine = line;
            unitRecord = rec;
            if (longest > maxField || contentEnd - start > maxRecord
                    || (report && window.source().firstMalformed() < end)) {
                int kind = check(start, contentEnd, end, line, lenientBytes);
                if (kind != PARSED) {
                    return kind;
                }
            } else {
                unitBadLine = -1;
            }
            unitRaw = window.text(start, contentEnd);
            return PARSED;
        }
    }

    /** The record's limits and bytes, when a quick test found something to look at. */
    private int check(long start, long contentEnd, long end, long line, boolean lenientBytes) {
        unitField = null;
        unitBadLine = -1;
        FileCharDecoder decoder = window.source();
        if (report && decoder.firstMalformed() < end) {
            long bad = decoder.firstMalformed();
            decoder.dropMalformedBefore(end);
            if (bad >= start) {
                unitBadLine = line + lineEndsBetween(start, bad);
            }
        }
        long length = contentEnd - start;
        if (length > maxRecord) {
            unitRaw = window.text(start, start + prefixLength);
            unitError = String.format(Locale.ROOT, "record at line %d is %,d characters long, more than "
                    + "maxRecordLength (%,d); its raw text keeps the first %,d characters",
                    line, length, maxRecord, prefixLength);
            return FAILED;
        }
        if (unitBadLine > 0 && !lenientBytes) {
            unitRaw = window.text(start, contentEnd);
            unitError = "invalid " + src.charset.name() + " byte sequence at line " + unitBadLine;
            return FAILED;
        }
        String[] values = unitRecord.values();
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            if (v != null && v.length() > maxField) {
                unitField = i < header.size() ? header.names.get(i) : "_extra_" + (i - header.size() + 1);
                unitRaw = window.text(start, start + Math.min(length, prefixLength));
                unitError = String.format(Locale.ROOT, "field %d ('%s') of the record at line %d is %,d "
                        + "characters long, more than maxFieldLength (%,d)%s", i + 1, unitField, line,
                        v.length(), maxField, length > prefixLength ? String.format(Locale.ROOT,
                                "; the raw text keeps the first %,d of its %,d characters", prefixLength,
                                length) : "");
                return FAILED;
            }
        }
        return PARSED;
    }

    /**
     * The parser returned no record after consuming {@code lines} line ends: the end of the input, or an
     * early stop (a blank line under a trailing-delimiter format, trailing comments). Restarts the parser in
     * the second case.
     */
    private boolean atEndAfter(long lines) throws IOException {
        long end = lines > 0 ? scanLines(spanStart, lines) : spanStart;
        if (!window.ensure(end)) {
            spanStart = end;
            return true;
        }
        if (end == spanStart) {
            // no progress: skip one line so that reading goes on
            end = scanLines(spanStart, 1);
            lines = 1;
            LOG.warn("{}: the parser stopped at line {} before the end of the file; skipping the line", src.file,
                    spanLine);
        }
        spanStart = end;
        spanLine += lines;
        newParser(end);
        return false;
    }

    /**
     * Scans {@code lines} line ends from {@code from} over characters the parser has read; returns the offset
     * after the last one (or the end of the input) and sets scanContentEnd to the offset of that last line
     * end.
     */
    private long scanLines(long from, long lines) throws IOException {
        CharWindow w = window;
        long p = from;
        long contentEnd = from;
        while (lines > 0) {
            if (!w.ensure(p)) {
                contentEnd = p;
                break;
            }
            char[] a = w.array();
            long base = w.base();
            int limit = w.limit();
            int i = (int) (p - base);
            while (i < limit) {
                char c = a[i];
                if (c == '\n') {
                    contentEnd = base + i;
                    i++;
                    if (--lines == 0) {
                        break;
                    }
                } else if (c == '\r') {
                    contentEnd = base + i;
                    i++;
                    if (i == limit) {
                        long next = base + i;
                        if (w.ensure(next)) {
                            a = w.array();
                            base = w.base();
                            limit = w.limit();
                            i = (int) (next - base);
                            if (a[i] == '\n') {
                                i++;
                            }
                        }
                    } else if (a[i] == '\n') {
                        i++;
                    }
                    if (--lines == 0) {
                        break;
                    }
                } else {
                    i++;
                }
            }
            p = base + i;
        }
        scanContentEnd = contentEnd;
        return p;
    }

    /**
     * The end of a record that consumed one line end, without scanning it, or -1. Its text is at least as long
     * as its values and delimiters ({@code guess - start}: quotes and escapes only add characters) and holds
     * no line break before its own, so a line break at exactly {@code guess} is its end; otherwise (quotes,
     * trimming, no final line break) the caller scans.
     */
    private long endOfOneLineRecord(long start, long guess) throws IOException {
        CharWindow w = window;
        if (guess < start || guess >= w.base() + w.limit()) {
            return -1;
        }
        char c = w.charAt(guess);
        if (c == '\n') {
            scanContentEnd = guess;
            return guess + 1;
        }
        if (c == '\r') {
            scanContentEnd = guess;
            return w.ensure(guess + 1) && w.charAt(guess + 1) == '\n' ? guess + 2 : guess + 1;
        }
        return -1;
    }

    private long lineEndsBetween(long from, long to) {
        long n = 0;
        for (long p = from; p < to; p++) {
            char c = window.charAt(p);
            if (c == '\n' || (c == '\r' && (p + 1 >= to || window.charAt(p + 1) != '\n'))) {
                n++;
            }
        }
        return n;
    }

    /** The parser asked for more than maxRecordLength characters for the record at spanStart. */
    private int tooLong() throws IOException {
        long start = spanStart;
        long line = spanLine;
        long[] seek = window.source().seekPointAtOrBefore(start);
        scan(start, 0, true);
        unitLine = line;
        unitField = null;
        unitRaw = scanRaw;
        if (!scanUnclosed) {
            unitError = scanLength > maxRecord
                    ? String.format(Locale.ROOT, "record at line %d is %,d characters long, more than "
                            + "maxRecordLength (%,d); its raw text keeps the first %,d characters",
                            line, scanLength, maxRecord, prefixLength)
                    : String.format(Locale.ROOT, "record at line %d could not be parsed within maxRecordLength "
                            + "(%,d) characters", line, maxRecord);
            resync(scanEnd, line + scanLines, null);
        } else {
            long firstLength = scanFirstLineContentEnd - start;
            if (unitRaw.length() > firstLength) {
                unitRaw = unitRaw.substring(0, (int) firstLength);
            }
            unitError = String.format(Locale.ROOT, "a quoted field of the record at line %d is not closed before "
                    + "the end of the file; the record is taken as line %d only%s", line, line,
                    firstLength > maxRecord ? String.format(Locale.ROOT, ", which is %,d characters long, more "
                            + "than maxRecordLength (%,d); its raw text keeps the first %,d characters",
                            firstLength, maxRecord, prefixLength) : "");
            resync(scanFirstLineEnd, line + 1, seek);
        }
        return FAILED;
    }

    /** Commons CSV rejected the record at spanStart. */
    private int malformed(RuntimeException e) throws IOException {
        long start = spanStart;
        long line = spanLine;
        String detail = e.getCause() != null && e.getCause().getMessage() != null
                ? e.getCause().getMessage() : String.valueOf(e.getMessage());
        unitLine = line;
        unitField = null;
        if (window.eofDelivered()) {
            scan(start, 1, false);
            unitError = detail.contains("encapsulated token")
                    ? "a quoted field of the record at line " + line + " is not closed before the end of the file;"
                            + " the record is taken as line " + line + " only"
                    : "the record at line " + line + " is incomplete at the end of the file (" + detail
                            + "); the record is taken as line " + line + " only";
            unitRaw = scanRaw;
            resync(scanEnd, line + 1, null);
            return FAILED;
        }
        long lines = parser.getCurrentLineNumber() - parserLinesBefore;
        if (lines < 1) {
            lines = 1;
        }
        long errorLine = line + lines - 1;
        scan(start, lines, false);
        String what = detail.startsWith("Invalid character between encapsulated token and delimiter")
                ? "invalid character after the closing quote of a quoted field on line " + errorLine
                        + " (a quote inside a quoted field must be doubled)"
                : "malformed CSV on line " + errorLine + ": " + detail;
        unitError = lines > 1 ? what + "; the record started on line " + line : what;
        unitRaw = scanRaw;
        resync(scanEnd, line + lines, null);
        return FAILED;
    }

    /** Continues reading at {@code offset} (line {@code line}), rereading the file from {@code seek} if needed. */
    private void resync(long offset, long line, long[] seek) throws IOException {
        if (offset < window.base()) {
            long seekChar = 0;
            long seekByte = 0;
            if (seek != null && FileCharDecoder.isSeekable(src.charset)) {
                seekChar = seek[0];
                seekByte = seek[1];
            }
            window.restart(FileCharDecoder.open(src.file, src.charset, report, seekByte, seekChar), seekChar,
                    offset);
        }
        spanStart = offset;
        spanLine = line;
        newParser(offset);
        window.source().dropMalformedBefore(offset);
    }

    /**
     * Scans a failed record from {@code from} without holding more than about maxRecordLength characters:
     * {@code quoteAware} to the first line end outside quotes (scanUnclosed if the input ends inside quotes),
     * otherwise through {@code lines} line ends. Sets scanEnd, scanContentEnd, scanLines (line ends
     * consumed), scanFirstLineEnd/ContentEnd, scanLength and scanRaw (whole, or its first prefixLength
     * characters when longer than maxRecordLength).
     */
    private void scan(long from, long lines, boolean quoteAware) throws IOException {
        CharWindow w = window;
        long p = from;
        long counted = 0;
        long contentEnd;
        long end;
        long firstEnd = -1;
        long firstContentEnd = -1;
        boolean inQuotes = false;
        boolean fieldStart = true;
        boolean unclosed = false;
        String prefix = null;
        while (true) {
            if (prefix == null && p - from > maxRecord + 2) {
                prefix = w.text(from, from + prefixLength);
            }
            if (prefix != null) {
                w.keepFrom(p);
            }
            if (!w.ensure(p)) {
                unclosed = inQuotes;
                contentEnd = p;
                end = p;
                break;
            }
            char c = w.charAt(p);
            if (c == '\r' || c == '\n') {
                long at = p++;
                if (c == '\r' && w.ensure(p) && w.charAt(p) == '\n') {
                    p++;
                }
                counted++;
                if (firstEnd < 0) {
                    firstEnd = p;
                    firstContentEnd = at;
                }
                if (quoteAware ? !inQuotes : counted == lines) {
                    contentEnd = at;
                    end = p;
                    break;
                }
                continue;
            }
            p++;
            if (!quoteAware) {
                continue;
            }
            if (inQuotes) {
                if (c == escape && escape != quote) {
                    if (w.ensure(p) && w.charAt(p) != '\r' && w.charAt(p) != '\n') {
                        p++;
                    }
                } else if (c == quote) {
                    if (w.ensure(p) && w.charAt(p) == quote) {
                        p++;
                    } else {
                        inQuotes = false;
                    }
                }
            } else if (fieldStart && c == quote) {
                inQuotes = true;
                fieldStart = false;
            } else {
                if (c == escape && w.ensure(p) && w.charAt(p) != '\r' && w.charAt(p) != '\n') {
                    p++;
                }
                fieldStart = c == delimiter || (fieldStart && ignoreSpaces && c == ' ');
            }
        }
        if (firstEnd < 0) {
            firstEnd = end;
            firstContentEnd = contentEnd;
        }
        scanEnd = end;
        scanContentEnd = contentEnd;
        scanLines = counted;
        scanUnclosed = unclosed;
        scanFirstLineEnd = firstEnd;
        scanFirstLineContentEnd = firstContentEnd;
        scanLength = contentEnd - from;
        if (prefix != null) {
            scanRaw = prefix;
        } else if (scanLength > maxRecord) {
            scanRaw = w.text(from, from + prefixLength);
        } else {
            scanRaw = w.text(from, contentEnd);
        }
    }
}
