package io.etlrecovery.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.pipeline.SourceRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Reads every file of the shared third-party corpus ({@code <shared>/corpus/csv}, where {@code <shared>} is
 * the system property {@code etlrecovery.shared} or {@code ../shared} beside the project's root; skipped when
 * absent). For each file: reading never throws, and the records tile the text. Precisely, with the file
 * decoded as the source decodes it (UTF-8, invalid bytes as U+FFFD, a leading byte order mark dropped) and
 * split into physical lines (CRLF, LF, lone CR):
 * <ul>
 * <li>each record's raw text starts at the start of its line and is the text found there;</li>
 * <li>the raw text is followed by a line break or the end of the text;</li>
 * <li>between two consecutive records, and after the last one, there are only line breaks (blank lines);</li>
 * <li>before the first data record there are blank lines, then the header record (which may span lines:
 * without parsing, the test only checks that it is non-blank and ends with a line break).</li>
 * </ul>
 * Together: every character belongs to exactly one record, the header or a blank line.
 */
class CsvCorpusTest {

    @Test
    void everyCorpusFileIsReadWithoutErrorAndItsRecordsTileTheText() throws Exception {
        Path corpus = sharedDir().resolve("corpus").resolve("csv");
        Assumptions.assumeTrue(Files.isDirectory(corpus), "no shared corpus at " + corpus);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(files.isEmpty());
        int parsed = 0;
        int failed = 0;
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            List<SourceRecord<CsvRow>> records = CsvTestSupport.readAll(file);
            String problem = checkTiling(decode(Files.readAllBytes(file)), records);
            if (problem != null) {
                problems.add(corpus.relativize(file) + ": " + problem);
            }
            for (SourceRecord<CsvRow> r : records) {
                if (r.isParsed()) {
                    parsed++;
                } else {
                    failed++;
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(parsed > 1_000 && failed > 0, "parsed " + parsed + ", failed " + failed);
    }

    static Path sharedDir() {
        String property = System.getProperty("etlrecovery.shared");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("framework")) && Files.exists(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        return (dir == null ? Path.of("").toAbsolutePath() : dir).resolve("..").resolve("shared").normalize();
    }

    private static String decode(byte[] bytes) throws Exception {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(ByteBuffer.wrap(bytes)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Returns a description of the first violation of the tiling invariant, or null. */
    private static String checkTiling(String text, List<SourceRecord<CsvRow>> records) {
        List<Integer> lineStarts = new ArrayList<>();
        lineStarts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                lineStarts.add(i + 1);
            }
        }
        int covered = 0;
        boolean first = true;
        boolean endUnknown = false; // after a record whose raw text was truncated
        for (SourceRecord<CsvRow> r : records) {
            long line = r.position().lineNumber();
            if (line < 1 || line > lineStarts.size()) {
                return r.position() + " is not a line of the file";
            }
            int start = lineStarts.get((int) line - 1);
            String between = text.substring(Math.min(covered, start), start);
            if (start < covered) {
                return r.position() + " starts inside the previous record";
            }
            if (first && r.position().recordNumber() > 0) {
                // blank lines, then the header record (it may span lines), then its line break
                String header = between.replaceAll("^[\r\n]+", "");
                if (header.isEmpty() || indexOfLineBreak(header) < 0
                        || !onlyLineBreaks(header.substring(header.length() - 1))) {
                    return "the text before " + r.position() + " is not a header record: [" + between + "]";
                }
            } else if (!endUnknown && !onlyLineBreaks(between)) {
                return "text before " + r.position() + " belongs to no record: [" + between + "]";
            }
            first = false;
            String raw = r.raw();
            boolean truncated = !r.isParsed() && r.parseError().getMessage().contains("keeps the first");
            if (!text.startsWith(raw, start)) {
                return r.position() + " raw text is not the text at its line";
            }
            int end = start + raw.length();
            if (!truncated && end < text.length() && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
                return r.position() + " raw text is not followed by a line break";
            }
            covered = end;
            endUnknown = truncated;
        }
        String rest = text.substring(covered);
        if (records.isEmpty()) {
            // at most a header line
            rest = rest.replaceAll("^[\r\n]+", "");
            int eol = indexOfLineBreak(rest);
            rest = eol < 0 ? "" : rest.substring(eol);
        }
        if (!endUnknown && !onlyLineBreaks(rest)) {
            return "text after the last record belongs to no record";
        }
        return null;
    }

    private static int indexOfLineBreak(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\r' || s.charAt(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean onlyLineBreaks(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '\r' && s.charAt(i) != '\n') {
                return false;
            }
        }
        return true;
    }
}
