package io.etlrecovery.io;

import io.etlrecovery.pipeline.RecordCodec;
import io.etlrecovery.pipeline.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;

/**
 * A resumable source of the records of one CSV file, parsed by Apache Commons CSV, that never fails on
 * bad input: every record comes back either parsed or with the reason it could not be.
 *
 * <pre>{@code
 * Source<CsvRow> orders = CsvSource.builder(Path.of("orders.csv")).build();
 * }</pre>
 *
 * <p><b>Header.</b> The first non-blank record is the header, unless {@link Builder#header} names the
 * columns of a file without a header line, or the {@linkplain Builder#format format} names them (then a header
 * line is skipped only if the format says {@code setSkipHeaderRecord(true)}). A file with no header (empty or
 * only blank lines) yields no records; a header-only file yields none either. Repeated or empty header names
 * are renamed for mapping ({@code name}, {@code name_2}; {@code column_3} for an empty third name) with a
 * warning in the log. A byte order mark at the start of the file is dropped. If the header record itself
 * cannot be parsed, it is returned as a failed record numbered 0 and the rows are read without names.
 *
 * <p><b>Records and positions.</b> Each record has {@code Position.ofLine(record, line)}: {@code record} is
 * 1-based among data records (blank lines are not records and take no number) and {@code line} is the
 * physical line where it starts (the header is line 1), counting CRLF, LF and a lone CR each as one line end,
 * so files mixing them work. Its raw text is the record's exact text without its final line break (a quoted
 * field with line breaks keeps them). The column count is not validated here ({@link CsvRow#isConsistent()});
 * a comment line (when the format has a comment marker) belongs to no record.
 *
 * <p><b>Bad input</b> comes back as a failed record carrying a {@link MalformedRecordException}:
 * <ul>
 * <li>A record that Commons CSV rejects (a character after a closing quote...) spans the lines from its start
 * through the line where the error was detected; reading resumes on the next physical line.</li>
 * <li>A quoted field still open at the end of the file is an unclosed quote: the failed record is only the
 * first physical line of the record, and reading resumes on the line after it (the following lines are
 * usually records the stray quote swallowed).</li>
 * <li>A record longer than {@code maxRecordLength} characters is never held whole: reading stops at the limit,
 * the raw text keeps its first {@code min(65,536, maxRecordLength)} characters and the reason states the full
 * length, found by scanning to the record's end (the first line break outside quotes; if the quote never
 * closes, the unclosed-quote rule above applies). Memory for one record stays within a small multiple of
 * {@code maxRecordLength} characters (the read window and Commons CSV's token buffer), however long the
 * record.</li>
 * <li>A field longer than {@code maxFieldLength} characters fails its record (its raw text truncated
 * likewise); fields are checked after parsing, so memory is bounded by the record limit.</li>
 * <li>With {@link MalformedInput#REPORT}, a record containing bytes invalid in the charset fails ("invalid
 * UTF-8 byte sequence at line 7"); its raw text shows U+FFFD in their place. Neighbouring records are
 * unaffected. With {@link MalformedInput#REPLACE} the record is parsed with U+FFFD in place.</li>
 * </ul>
 * Every character of the file belongs to exactly one record (parsed or failed), a blank line, a comment line
 * or the header. NUL and other control characters are data.
 *
 * <p><b>Resume.</b> The checkpoint's data is small JSON ({@code {"char":123456,"line":1001,"record":1000,
 * "seekChar":...,"seekByte":...}}); {@link #open(Checkpoint)} rereads the header, seeks near the offset
 * (for UTF-8, ASCII, ISO-8859-1, UTF-16LE/BE and single-byte charsets; otherwise it decodes the prefix
 * without parsing it) and continues right after the checkpoint's record, with the same positions and raw
 * text as an uninterrupted read. A checkpoint without usable data falls back to re-parsing the file and
 * skipping {@code last.recordNumber()} records.
 *
 * <p>Defaults: format {@code CSVFormat.RFC4180} (header from the first record), charset UTF-8,
 * {@code REPORT}, {@code maxFieldLength} 1,000,000 and {@code maxRecordLength} 4,000,000 characters.
 * Instances are immutable and thread-safe; each cursor is used by one thread.
 */
public final class CsvSource implements Source<CsvRow> {

    /** What to do with bytes that are not valid in the file's charset. */
    public enum MalformedInput {
        /** The record containing them fails, naming the line; it is never silently altered. */
        REPORT,
        /** They are replaced by U+FFFD and the record is parsed. */
        REPLACE
    }

    static final int RAW_PREFIX = 65_536;

    final Path file;
    final CSVFormat parseFormat;
    final Charset charset;
    final MalformedInput malformedInput;
    final int maxFieldLength;
    final int maxRecordLength;
    /** Names given by the builder or the format, or null when the header is read from the file. */
    final CsvHeader givenHeader;
    /** Whether the file starts with a header line (read for names, or skipped). */
    final boolean headerLine;
    private final CsvRowCodec codec;

    private CsvSource(Builder b) {
        this.file = b.file;
        this.charset = b.charset;
        this.malformedInput = b.malformedInput;
        this.maxFieldLength = b.maxFieldLength;
        this.maxRecordLength = b.maxRecordLength;
        String[] formatHeader = b.format.getHeader();
        if (b.header != null) {
            givenHeader = CsvHeader.ofGiven(b.header, "header");
            headerLine = false;
        } else if (formatHeader != null && formatHeader.length > 0) {
            givenHeader = CsvHeader.ofGiven(Arrays.asList(formatHeader), "format header");
            headerLine = b.format.getSkipHeaderRecord();
        } else {
            givenHeader = null;
            headerLine = true;
        }
        // the source decides about headers and blank lines itself; Commons CSV only splits records and fields
        this.parseFormat = b.format.builder()
                .setHeader((String[]) null)
                .setSkipHeaderRecord(false)
                .setIgnoreEmptyLines(false)
                .setAllowMissingColumnNames(true)
                .get();
        this.codec = new CsvRowCodec(this);
    }

    /** A builder for a source over {@code file}. */
    public static Builder builder(Path file) {
        return new Builder(file);
    }

    @Override
    public Cursor<CsvRow> open(Checkpoint resumeAfter) throws IOException {
        CsvCursor cursor = new CsvCursor(this);
        try {
            cursor.start(resumeAfter);
            return cursor;
        } catch (IOException | RuntimeException e) {
            cursor.close();
            throw e;
        }
    }

    /** {@code size=<bytes>;sha256=<hex>} of the file, computed by streaming it. */
    @Override
    public String fingerprint() throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                size += n;
            }
        }
        return "size=" + size + ";sha256=" + HexFormat.of().formatHex(sha.digest());
    }

    /** The file's path. */
    @Override
    public String describe() {
        return file.toString();
    }

    /**
     * Fields are the header's names, then {@code _extra_1}, {@code _extra_2}... for values beyond the header
     * (a value missing from a short row is absent). {@code fromFields} rebuilds a row with the header's
     * fields in order (a missing one is empty) followed by the non-empty {@code _extra_n} fields in order of
     * n; {@code fromRaw} parses the text with this source's format and header. A header column literally
     * named {@code _extra_n} would clash with those names.
     */
    @Override
    public RecordCodec<CsvRow> codec() {
        return codec;
    }

    /** The file this source reads. */
    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "CsvSource[" + file + "]";
    }

    /**
     * Configures a {@link CsvSource}; each setter validates its argument at once and names it in the
     * exception. Not thread-safe; {@link #build()} may be called more than once.
     */
    public static final class Builder {
        private final Path file;
        private CSVFormat format = CSVFormat.RFC4180;
        private Charset charset = StandardCharsets.UTF_8;
        private MalformedInput malformedInput = MalformedInput.REPORT;
        private int maxFieldLength = 1_000_000;
        private int maxRecordLength = 4_000_000;
        private List<String> header;

        private Builder(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        /**
         * The CSV dialect (default {@code CSVFormat.RFC4180}). Its header settings are read as described on
         * {@link CsvSource}; its {@code ignoreEmptyLines} is not used (blank lines are always skipped).
         */
        public Builder format(CSVFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** The file's charset (default UTF-8). */
        public Builder charset(Charset charset) {
            this.charset = Objects.requireNonNull(charset, "charset");
            return this;
        }

        /** What to do with bytes invalid in the charset (default {@link MalformedInput#REPORT}). */
        public Builder onMalformedInput(MalformedInput action) {
            this.malformedInput = Objects.requireNonNull(action, "onMalformedInput");
            return this;
        }

        /**
         * The longest field, in characters, that a parsed record may have (default 1,000,000).
         *
         * @throws IllegalArgumentException if {@code chars} is less than 1
         */
        public Builder maxFieldLength(int chars) {
            if (chars < 1) {
                throw new IllegalArgumentException("maxFieldLength must be >= 1, was " + chars);
            }
            this.maxFieldLength = chars;
            return this;
        }

        /**
         * The longest record, in characters without its final line break (default 4,000,000); also bounds
         * the memory used for one record.
         *
         * @throws IllegalArgumentException if {@code chars} is less than 1
         */
        public Builder maxRecordLength(int chars) {
            if (chars < 1) {
                throw new IllegalArgumentException("maxRecordLength must be >= 1, was " + chars);
            }
            this.maxRecordLength = chars;
            return this;
        }

        /**
         * Names the columns of a file that has no header line: its first record is data. Replaces a header
         * named by the format.
         *
         * @throws IllegalArgumentException if a name is null or empty, a name repeats, or none is given
         */
        public Builder header(String... names) {
            Objects.requireNonNull(names, "header");
            if (names.length == 0) {
                throw new IllegalArgumentException("header: at least one column name is required");
            }
            List<String> list = Arrays.asList(names.clone());
            CsvHeader.ofGiven(list, "header");
            this.header = list;
            return this;
        }

        /**
         * A source with this configuration.
         *
         * @throws IllegalArgumentException if the format names a header with an empty or repeated name
         */
        public CsvSource build() {
            return new CsvSource(this);
        }
    }
}
