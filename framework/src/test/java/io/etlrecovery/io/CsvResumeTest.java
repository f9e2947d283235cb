package io.etlrecovery.io;

import static io.etlrecovery.io.CsvTestSupport.describeAll;
import static io.etlrecovery.io.CsvTestSupport.drain;
import static io.etlrecovery.io.CsvTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.pipeline.Source;
import io.etlrecovery.pipeline.SourceRecord;
import io.etlrecovery.workload.OrdersGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming from the checkpoint after record k yields exactly records k+1..n of an uninterrupted read, with
 * the same positions, raw text and values, for random cut points over several kinds of files.
 */
class CsvResumeTest {

    @TempDir
    Path dir;

    @Test
    void resumingAfterAnyRecordOfTheOrdersFileContinuesWithTheNextRecord() throws Exception {
        Path file = dir.resolve("orders.csv");
        OrdersGenerator.builder().rows(20_000).build().generate(file);

        CsvSource source = CsvSource.builder(file).build();
        assertResumesEverywhere(source, 40, 1);
        try (Source.Cursor<CsvRow> cursor = source.open(null)) {
            for (int i = 0; i < 19_000; i++) {
                cursor.next();
            }
            // far into the file, a resume seeks instead of decoding the prefix
            assertTrue(cursor.checkpoint().data().contains("\"seekByte\""), cursor.checkpoint().data());
        }
    }

    @Test
    void resumingWorksInFilesWithEmbeddedLineBreaksBlankLinesAndMixedLineEnds() throws Exception {
        for (long seed = 1; seed <= 4; seed++) {
            Path file = Files.write(dir.resolve("random-" + seed + ".csv"), randomCsv(new Random(seed), 3_000, false));
            assertResumesEverywhere(CsvSource.builder(file).build(), 30, seed);
        }
    }

    @Test
    void resumingWorksAcrossMalformedRecordsAndInvalidBytes() throws Exception {
        for (long seed = 11; seed <= 13; seed++) {
            Path file = Files.write(dir.resolve("dirty-" + seed + ".csv"), randomCsv(new Random(seed), 3_000, true));
            CsvSource source = CsvSource.builder(file).build();
            List<SourceRecord<CsvRow>> all = readAll(source);
            assertTrue(all.stream().anyMatch(r -> !r.isParsed()), "the file should contain failed records");
            assertResumesEverywhere(source, 30, seed);
        }
    }

    @Test
    void resumingWorksWhenTheFileIsReadWithAnotherCharset() throws Exception {
        Path file = Files.write(dir.resolve("latin1.csv"),
                new String(randomCsv(new Random(7), 2_000, false), StandardCharsets.UTF_8)
                        .replace('\uFFFD', '?').getBytes(StandardCharsets.ISO_8859_1));

        assertResumesEverywhere(CsvSource.builder(file).charset(StandardCharsets.ISO_8859_1).build(), 20, 7);

        Path utf16 = Files.write(dir.resolve("utf16.csv"), new String(randomCsv(new Random(8), 2_000, false),
                StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE));
        assertResumesEverywhere(CsvSource.builder(utf16).charset(StandardCharsets.UTF_16LE).build(), 20, 8);
    }

    @Test
    void aChainOfResumesReadsEveryRecordExactlyOnce() throws Exception {
        Path file = Files.write(dir.resolve("chain.csv"), randomCsv(new Random(99), 5_000, true));
        CsvSource source = CsvSource.builder(file).build();
        List<String> expected = describeAll(readAll(source));
        Random random = new Random(99);

        List<String> got = new ArrayList<>();
        Source.Checkpoint checkpoint = null;
        while (true) {
            try (Source.Cursor<CsvRow> cursor = source.open(checkpoint)) {
                int batch = 1 + random.nextInt(700);
                SourceRecord<CsvRow> r = null;
                for (int i = 0; i < batch && (r = cursor.next()) != null; i++) {
                    got.add(CsvTestSupport.describe(r));
                }
                if (r == null) {
                    break;
                }
                checkpoint = cursor.checkpoint();
            }
        }

        assertEquals(expected, got);
    }

    @Test
    void aCheckpointWithoutDataFallsBackToSkippingRecords() throws Exception {
        Path file = Files.write(dir.resolve("fallback.csv"), randomCsv(new Random(5), 500, true));
        CsvSource source = CsvSource.builder(file).build();
        List<SourceRecord<CsvRow>> all = readAll(source);

        try (Source.Cursor<CsvRow> cursor = source.open(new Source.Checkpoint(all.get(99).position(), null))) {
            assertEquals(describeAll(all.subList(100, all.size())), describeAll(drain(cursor)));
        }
    }

    @Test
    void theCheckpointBeforeTheFirstRecordHasNoPosition() throws Exception {
        Path file = Files.write(dir.resolve("start.csv"), "a\r\n1\r\n".getBytes(StandardCharsets.UTF_8));

        try (Source.Cursor<CsvRow> cursor = CsvSource.builder(file).build().open(null)) {
            assertNull(cursor.checkpoint().last());
            cursor.next();
            assertNotNull(cursor.checkpoint().data());
        }
    }

    /** Reads all records, then for random cut points k checks that open(checkpoint after k) yields the rest. */
    private static void assertResumesEverywhere(CsvSource source, int cuts, long seed) throws Exception {
        List<SourceRecord<CsvRow>> all = readAll(source);
        List<String> expected = describeAll(all);
        int n = all.size();
        assertTrue(n > 100, "the file should have many records, has " + n);
        Random random = new Random(seed);
        TreeSet<Integer> points = new TreeSet<>(List.of(1, 2, n - 1, n));
        while (points.size() < cuts) {
            points.add(1 + random.nextInt(n));
        }
        for (int k : points) {
            Source.Checkpoint checkpoint;
            try (Source.Cursor<CsvRow> cursor = source.open(null)) {
                for (int i = 0; i < k; i++) {
                    cursor.next();
                }
                checkpoint = cursor.checkpoint();
            }
            assertEquals(all.get(k - 1).position(), checkpoint.last());
            try (Source.Cursor<CsvRow> resumed = source.open(checkpoint)) {
                assertEquals(expected.subList(k, n), describeAll(drain(resumed)),
                        "after record " + k + " with checkpoint " + checkpoint.data());
            }
        }
    }

    /**
     * A random CSV: quoted fields with commas, doubled quotes and CRLF/LF/CR line breaks, non-ASCII and
     * supplementary characters, blank lines, mixed line ends, no final line break at times; when
     * {@code dirty}, also characters after closing quotes and invalid UTF-8 bytes.
     */
    static byte[] randomCsv(Random random, int records, boolean dirty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] ends = {"\r\n", "\n", "\r"};
        out.writeBytes("id,name,note,amount\r\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 1; i <= records; i++) {
            StringBuilder line = new StringBuilder();
            if (random.nextInt(20) == 0) {
                line.append(ends[random.nextInt(2)]); // a blank line (never CR: it could join a CR before it)
            }
            line.append(i);
            int fields = random.nextInt(10) == 0 ? 1 + random.nextInt(6) : 3;
            for (int f = 0; f < fields; f++) {
                line.append(',').append(randomField(random, dirty));
            }
            out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
            if (dirty && random.nextInt(40) == 0) {
                out.write(0xFF); // never valid in UTF-8
                out.write(random.nextBoolean() ? 'x' : 0xC3);
            }
            if (i < records || random.nextBoolean()) {
                out.writeBytes(ends[random.nextInt(10) < 6 ? 0 : 1 + random.nextInt(2)].getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static String randomField(Random random, boolean dirty) {
        switch (random.nextInt(12)) {
            case 0:
                return "\"a, b\"";
            case 1:
                return "\"say \"\"hi\"\"\"";
            case 2:
                return "\"two" + new String[] {"\r\n", "\n", "\r"}[random.nextInt(3)] + "lines\"";
            case 3:
                return "caf\u00e9 \u65e5\u672c \uD83D\uDE00";
            case 4:
                return "";
            case 5:
                return dirty && random.nextInt(3) == 0 ? "\"closed\"junk" : "\"quoted\"";
            case 6:
                return "x".repeat(random.nextInt(200));
            default:
                return Long.toString(random.nextLong() & 0xFFFFFF);
        }
    }
}
