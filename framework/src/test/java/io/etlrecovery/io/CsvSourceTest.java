package io.etlrecovery.io;

import static io.etlrecovery.io.CsvTestSupport.readAll;
import static io.etlrecovery.io.CsvTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.pipeline.Position;
import io.etlrecovery.pipeline.Source;
import io.etlrecovery.pipeline.SourceRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {

    @TempDir
    Path dir;

    private static void assertParsed(SourceRecord<CsvRow> r, long record, long line, String raw, String... values) {
        assertTrue(r.isParsed(), () -> "expected a parsed record, got " + CsvTestSupport.describe(r));
        assertEquals(Position.ofLine(record, line), r.position());
        assertEquals(raw, r.raw());
        assertEquals(List.of(values), r.value().values());
    }

    private static void assertFailed(SourceRecord<CsvRow> r, long record, long line, String raw, String reasonPart) {
        assertFalse(r.isParsed(), () -> "expected a failed record, got " + CsvTestSupport.describe(r));
        assertEquals(Position.ofLine(record, line), r.position());
        assertEquals(raw, r.raw());
        assertInstanceOf(MalformedRecordException.class, r.parseError());
        assertTrue(r.parseError().getMessage().contains(reasonPart),
                () -> "reason '" + r.parseError().getMessage() + "' should contain '" + reasonPart + "'");
    }

    @Test
    void quotedFieldsKeepTheirExactRawTextAndStartingLine() throws Exception {
        Path file = write(dir, "q.csv", "id,name,note\r\n"
                + "1,\"Smith, John\",plain\r\n"
                + "2,\"say \"\"hi\"\"\",x\r\n"
                + "3,\"two\r\nlines\",y\r\n"
                + "4,\"lf\nonly\",z\r\n"
                + "5,last,row\r\n");

        List<SourceRecord<CsvRow>> rs = readAll(file);

        assertEquals(5, rs.size());
        assertParsed(rs.get(0), 1, 2, "1,\"Smith, John\",plain", "1", "Smith, John", "plain");
        assertParsed(rs.get(1), 2, 3, "2,\"say \"\"hi\"\"\",x", "2", "say \"hi\"", "x");
        assertParsed(rs.get(2), 3, 4, "3,\"two\r\nlines\",y", "3", "two\r\nlines", "y");
        assertParsed(rs.get(3), 4, 6, "4,\"lf\nonly\",z", "4", "lf\nonly", "z");
        assertParsed(rs.get(4), 5, 8, "5,last,row", "5", "last", "row");
        assertEquals(List.of("id", "name", "note"), rs.get(0).value().header());
        assertEquals("Smith, John", rs.get(0).value().get("name"));
    }

    @Test
    void crlfLfAndLoneCrEachEndOneLine() throws Exception {
        Path file = write(dir, "mixed.csv", "a,b\n1,x\r\n2,y\r3,z\n4,\"p\rq\"\r5,w");

        List<SourceRecord<CsvRow>> rs = readAll(file);

        assertEquals(5, rs.size());
        assertParsed(rs.get(0), 1, 2, "1,x", "1", "x");
        assertParsed(rs.get(1), 2, 3, "2,y", "2", "y");
        assertParsed(rs.get(2), 3, 4, "3,z", "3", "z");
        assertParsed(rs.get(3), 4, 5, "4,\"p\rq\"", "4", "p\rq");
        assertParsed(rs.get(4), 5, 7, "5,w", "5", "w");
    }

    @Test
    void blankLinesAreSkippedAndTakeNoRecordNumber() throws Exception {
        Path file = write(dir, "blank.csv", "\r\n\na,b\r\n\r\n1,x\r\n\r\n\r\n2,y\n\n");

        List<SourceRecord<CsvRow>> rs = readAll(file);

        assertEquals(2, rs.size());
        assertParsed(rs.get(0), 1, 5, "1,x", "1", "x");
        assertParsed(rs.get(1), 2, 8, "2,y", "2", "y");
        assertEquals(List.of("a", "b"), rs.get(0).value().header());
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnName() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write("id,name\r\n1,a\r\n".getBytes(StandardCharsets.UTF_8));
        Path file = write(dir, "bom.csv", bytes.toByteArray());

        List<SourceRecord<CsvRow>> rs = readAll(file);

        assertEquals(List.of("id", "name"), rs.get(0).value().header());
        assertEquals("1", rs.get(0).value().get("id"));
        assertParsed(rs.get(0), 1, 2, "1,a", "1", "a");
    }

    @Test
    void headerOnlyEmptyAndBlankFilesYieldNoRecords() throws Exception {
        for (String text : new String[] {"a,b\r\n", "a,b", "", "\r\n\n\r"}) {
            Path file = write(dir, "f" + text.length() + ".csv", text);
            assertEquals(List.of(), readAll(file), () -> "for file text '" + text + "'");
        }
    }

    @Test
    void anUnclosedQuoteAtTheEndFailsOnlyTheFirstLineOfItsRecord() throws Exception {
        Path file = write(dir, "unclosed.csv", "id,name\r\n1,ok\r\n2,\"unclosed\r\n3,next\r\n4,last\r\n");

        List<SourceRecord<CsvRow>> rs = readAll(file);

        assertEquals(4, rs.size());
        assertParsed(rs.get(0), 1, 2, "1,ok", "1", "ok");
        assertFailed(rs.get(1), 2, 3, "2,\"unclosed", "not closed before the end of the file");
        assertParsed(rs.get(2), 3, 4, "3,next", "3", "next");
        assertParsed(rs.get(3), 4, 5, "4,last", "4", "last");
    }

    @Test
    void anInvalidCharacterAfterAClosingQuoteFailsThatRecordAndTheNextOnesAreParsed() throws Exception {
        Path file = write(dir, "invalid.csv", "id,name,n\r\n1,\"a\"b,1\r\n2,good,2\r\n3,\"x\r\ny\"z,3\r\n"
                + "4,\"fine\",4\r\n");

        List<SourceRecord<CsvRow>> rs = readAll(file);

        assertEquals(4, rs.size());
        assertFailed(rs.get(0), 1, 2, "1,\"a\"b,1", "invalid character after the closing quote of a quoted field on line 2");
        assertParsed(rs.get(1), 2, 3, "2,good,2", "2", "good", "2");
        assertFailed(rs.get(2), 3, 4, "3,\"x\r\ny\"z,3", "on line 5");
        assertTrue(rs.get(2).parseError().getMessage().contains("started on line 4"));
        assertParsed(rs.get(3), 4, 6, "4,\"fine\",4", "4", "fine", "4");
    }

    @Test
    void invalidUtf8FailsOnlyItsRecordWhenReported() throws Exception {
        Path file = write(dir, "bad-utf8.csv", utf8WithInvalidBytes());

        List<SourceRecord<CsvRow>> rs = readAll(file);

        assertEquals(4, rs.size());
        assertParsed(rs.get(0), 1, 2, "1,ok", "1", "ok");
        assertFailed(rs.get(1), 2, 3, "2,caf\uFFFD", "invalid UTF-8 byte sequence at line 3");
        assertFailed(rs.get(2), 3, 4, "3,\"two\nlin\uFFFDs\"", "invalid UTF-8 byte sequence at line 5");
        assertParsed(rs.get(3), 4, 6, "4,caf\u00e9", "4", "caf\u00e9");
    }

    @Test
    void invalidUtf8IsReplacedWhenAskedTo() throws Exception {
        Path file = write(dir, "bad-utf8.csv", utf8WithInvalidBytes());

        List<SourceRecord<CsvRow>> rs = readAll(CsvSource.builder(file)
                .onMalformedInput(CsvSource.MalformedInput.REPLACE).build());

        assertEquals(4, rs.size());
        assertParsed(rs.get(1), 2, 3, "2,caf\uFFFD", "2", "caf\uFFFD");
        assertParsed(rs.get(2), 3, 4, "3,\"two\nlin\uFFFDs\"", "3", "two\nlin\uFFFDs");
    }

    private static byte[] utf8WithInvalidBytes() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("id,name\r\n1,ok\r\n2,caf".getBytes(StandardCharsets.UTF_8));
        b.write(0xE9); // Latin-1 e-acute: not valid UTF-8 on its own
        b.write("\r\n3,\"two\nlin".getBytes(StandardCharsets.UTF_8));
        b.write(0xFF);
        b.write("s\"\r\n4,caf\u00e9\r\n".getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    @Test
    void nulAndControlCharactersAreKeptAsData() throws Exception {
        Path file = write(dir, "nul.csv", "a,b\r\n1,x\u0000y\u0007\u001b\r\n");

        List<SourceRecord<CsvRow>> rs = readAll(file);

        assertParsed(rs.get(0), 1, 2, "1,x\u0000y\u0007\u001b", "1", "x\u0000y\u0007\u001b");
    }

    @Test
    void aTenMegabyteFieldFailsItsRecordWithATruncatedRawTextAndReadingGoesOn() throws Exception {
        int big = 10_000_000;
        Path file = dir.resolve("big.csv");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("id,big,tail\r\n1,");
            char[] chunk = new char[100_000];
            java.util.Arrays.fill(chunk, 'x');
            for (int i = 0; i < big / chunk.length; i++) {
                w.write(chunk);
            }
            w.write(",t\r\n2,ok,ok\r\n");
        }

        List<SourceRecord<CsvRow>> rs = readAll(file);

        assertEquals(2, rs.size());
        SourceRecord<CsvRow> failed = rs.get(0);
        assertFalse(failed.isParsed());
        assertEquals(Position.ofLine(1, 2), failed.position());
        assertEquals(65_536, failed.raw().length());
        assertTrue(failed.raw().startsWith("1,xxxx"));
        assertTrue(failed.parseError().getMessage().contains("10,000,004 characters long, more than maxRecordLength"),
                failed.parseError().getMessage());
        assertParsed(rs.get(1), 2, 3, "2,ok,ok", "2", "ok", "ok");
    }

    @Test
    void aHugeFieldIsNeverHeldInMemoryBeyondTheRecordLimit() throws Exception {
        Path file = dir.resolve("huge.csv");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("id,big\r\n1,\"");
            char[] chunk = new char[100_000];
            java.util.Arrays.fill(chunk, 'y');
            chunk[500] = '\n'; // a quoted field with line breaks: the record ends at its closing quote
            for (int i = 0; i < 100; i++) {
                w.write(chunk);
            }
            w.write("\"\r\n2,after\r\n");
        }
        CsvSource source = CsvSource.builder(file).maxRecordLength(100_000).build();
        // warm up: class loading and first-use initialisation allocate too
        readAll(CsvSource.builder(write(dir, "warm.csv", "id,big\r\n1,\"" + "z".repeat(200_000) + "\"\r\n"))
                .maxRecordLength(100_000).build());
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        long before = threads.getCurrentThreadAllocatedBytes();
        List<SourceRecord<CsvRow>> rs = readAll(source);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(2, rs.size());
        assertFalse(rs.get(0).isParsed());
        assertTrue(rs.get(0).parseError().getMessage().contains("10,000,004 characters long"),
                rs.get(0).parseError().getMessage());
        assertParsed(rs.get(1), 2, 103, "2,after", "2", "after");
        // the 10,000,000-character field would take at least 10 MB as a String (20 MB while being built);
        // reading it with a 100,000-character limit takes under 1 MB
        assertTrue(allocated < 4_000_000, "allocated " + allocated + " bytes");
    }

    @Test
    void aFieldJustUnderTheFieldLimitIsParsedAndOneOverItFails() throws Exception {
        String under = "u".repeat(999_999);
        String over = "o".repeat(1_000_001);
        Path file = write(dir, "limit.csv", "id,v\r\n1," + under + "\r\n2," + over + "\r\n3,x\r\n");

        List<SourceRecord<CsvRow>> rs = readAll(file);

        assertEquals(3, rs.size());
        assertTrue(rs.get(0).isParsed());
        assertEquals(under, rs.get(0).value().get("v"));
        assertFailed(rs.get(1), 2, 3, ("2," + over).substring(0, 65_536), "field 2 ('v')");
        assertEquals("v", ((MalformedRecordException) rs.get(1).parseError()).field());
        assertParsed(rs.get(2), 3, 4, "3,x", "3", "x");
    }

    @Test
    void rowsWithTooManyOrTooFewColumnsAreStillParsed() throws Exception {
        Path file = write(dir, "cols.csv", "a,b,c\r\n1,2\r\n1,2,3,4\r\n");

        List<SourceRecord<CsvRow>> rs = readAll(file);

        CsvRow shortRow = rs.get(0).value();
        CsvRow longRow = rs.get(1).value();
        assertFalse(shortRow.isConsistent());
        assertNull(shortRow.get("c"));
        assertEquals(2, shortRow.size());
        assertFalse(longRow.isConsistent());
        assertEquals("4", longRow.get(3));
    }

    @Test
    void repeatedAndEmptyHeaderNamesAreMadeUnique() throws Exception {
        Path file = write(dir, "dup.csv", "name,name,,x,name\r\n1,2,3,4,5\r\n");

        CsvRow row = readAll(file).get(0).value();

        assertEquals(List.of("name", "name_2", "column_3", "x", "name_3"), row.header());
        assertEquals("2", row.get("name_2"));
        assertEquals("3", row.get("column_3"));
    }

    @Test
    void aFileEndingMidRecordWithoutALineBreakYieldsThatRecord() throws Exception {
        Path file = write(dir, "end.csv", "a,b\r\n1,x\r\n2,\"y\"");

        List<SourceRecord<CsvRow>> rs = readAll(file);

        assertEquals(2, rs.size());
        assertParsed(rs.get(1), 2, 3, "2,\"y\"", "2", "y");
    }

    @Test
    void aFileEndingInsideAQuotedFieldFailsItsLastRecord() throws Exception {
        Path file = write(dir, "end-quote.csv", "a,b\r\n1,x\r\n2,\"y");

        List<SourceRecord<CsvRow>> rs = readAll(file);

        assertEquals(2, rs.size());
        assertFailed(rs.get(1), 2, 3, "2,\"y", "not closed");
    }

    @Test
    void namesGivenByTheBuilderReadTheFirstLineAsData() throws Exception {
        Path file = write(dir, "noheader.csv", "1,x\r\n2,y\r\n");

        List<SourceRecord<CsvRow>> rs = readAll(CsvSource.builder(file).header("id", "name").build());

        assertParsed(rs.get(0), 1, 1, "1,x", "1", "x");
        assertEquals("y", rs.get(1).value().get("name"));
    }

    @Test
    void aFormatThatNamesAndSkipsTheHeaderUsesItsNames() throws Exception {
        Path file = write(dir, "renamed.csv", "A;B\r\n1;x\r\n");
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader("id", "name")
                .setSkipHeaderRecord(true).get();

        List<SourceRecord<CsvRow>> rs = readAll(CsvSource.builder(file).format(format).build());

        assertEquals(1, rs.size());
        assertParsed(rs.get(0), 1, 2, "1;x", "1", "x");
        assertEquals("x", rs.get(0).value().get("name"));
    }

    @Test
    void anUnparseableHeaderIsReturnedAsFailedRecordZero() throws Exception {
        Path file = write(dir, "badheader.csv", "\"a\"x,b\r\n1,2\r\n");

        List<SourceRecord<CsvRow>> rs = readAll(file);

        assertEquals(2, rs.size());
        assertEquals(Position.ofLine(0, 1), rs.get(0).position());
        assertTrue(rs.get(0).parseError().getMessage().contains("header"));
        assertEquals(List.of("1", "2"), rs.get(1).value().values());
        assertEquals(List.of(), rs.get(1).value().header());
    }

    @Test
    void commentLinesBelongToNoRecord() throws Exception {
        Path file = write(dir, "comments.csv", "a,b\r\n# first\r\n# second\r\n1,x\r\n#last\r\n");
        CSVFormat format = CSVFormat.RFC4180.builder().setCommentMarker('#').get();

        List<SourceRecord<CsvRow>> rs = readAll(CsvSource.builder(file).format(format).build());

        assertEquals(1, rs.size());
        assertParsed(rs.get(0), 1, 4, "1,x", "1", "x");
    }

    @Test
    void theFingerprintIsSizeAndSha256AndChangesWithOneByte() throws Exception {
        Path a = write(dir, "a.csv", "id\r\n1\r\n");
        Path b = write(dir, "b.csv", "id\r\n2\r\n");

        String fa = CsvSource.builder(a).build().fingerprint();

        assertEquals("size=7;sha256=", fa.substring(0, 14));
        assertEquals(64, fa.length() - 14);
        assertEquals(fa, CsvSource.builder(a).build().fingerprint());
        assertNotEquals(fa, CsvSource.builder(b).build().fingerprint());
        assertEquals(a.toString(), CsvSource.builder(a).build().describe());
    }

    @Test
    void fractionReadGoesFromZeroToOne() throws Exception {
        StringBuilder text = new StringBuilder("id,v\r\n");
        for (int i = 0; i < 50_000; i++) {
            text.append(i).append(",value").append(i).append("\r\n");
        }
        Path file = write(dir, "fraction.csv", text.toString());

        try (Source.Cursor<CsvRow> cursor = CsvSource.builder(file).build().open(null)) {
            double first = cursor.fractionRead();
            cursor.next();
            double early = cursor.fractionRead();
            while (cursor.next() != null) {
                // drain
            }
            assertTrue(first >= 0 && first < 0.5, "first " + first);
            assertTrue(early > 0 && early < 0.5, "early " + early);
            assertEquals(1.0, cursor.fractionRead());
        }
    }

    @Test
    void builderRejectsBadSettingsNamingThem() {
        Path file = dir.resolve("x.csv");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CsvSource.builder(file).maxFieldLength(0)).getMessage().contains("maxFieldLength"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CsvSource.builder(file).maxRecordLength(-1)).getMessage().contains("maxRecordLength"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CsvSource.builder(file).header("a", "a")).getMessage().contains("duplicate"));
        assertThrows(NullPointerException.class, () -> CsvSource.builder(null));
    }

    @Test
    void csvRowGetByUnknownNameListsTheKnownColumns() {
        CsvRow row = CsvRow.of(List.of("id", "name"), List.of("1", "x"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> row.get("nmae"));

        assertTrue(e.getMessage().contains("'nmae'") && e.getMessage().contains("[id, name]"), e.getMessage());
        assertEquals(row, CsvRow.of(List.of("id", "name"), List.of("1", "x")));
        assertNotEquals(row, CsvRow.of(List.of("id", "name"), List.of("1", "y")));
        assertThrows(IndexOutOfBoundsException.class, () -> row.get(2));
        assertThrows(UnsupportedOperationException.class, () -> row.values().set(0, "2"));
    }
}
