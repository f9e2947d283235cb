package io.etlrecovery.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrdersGeneratorTest {
    private static final Set<String> CURRENCIES = Set.of("USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "SEK");
    private static final Set<String> COUNTRIES = Set.of("US", "GB", "DE", "FR", "IT", "ES", "NL", "BE", "CH", "AT",
            "SE", "NO", "DK", "FI", "IE", "PL", "PT", "CA", "AU", "JP");
    private static final Pattern CUSTOMER = Pattern.compile("C\\d{6}(,EU|\"X)?");
    private static final Pattern MONEY = Pattern.compile("\\d{1,4}\\.\\d{2}");
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(2025, 12, 31);

    @TempDir
    Path dir;

    private static GenerationResult generate(Path out, long rows, double badRate, long seed) throws IOException {
        return OrdersGenerator.builder().rows(rows).badRate(badRate).seed(seed).build().generate(out);
    }

    @ParameterizedTest(name = "rows={0} badRate={1}")
    @CsvSource({"1000,0.01", "1000,0.013", "777,0.1", "20000,0.05", "10,1.0", "500,0.0"})
    void countsAddUpAndEachDefectKindGetsItsShareInCycleOrder(long rows, double badRate) throws IOException {
        GenerationResult r = generate(dir.resolve("orders.csv"), rows, badRate, 42);

        long bad = Math.round(rows * badRate);
        assertEquals(rows, r.rows());
        assertEquals(bad, r.bad());
        assertEquals(rows, r.good() + r.bad());
        DefectKind[] kinds = DefectKind.values();
        assertEquals(List.of(keys(kinds)), List.copyOf(r.defects().keySet()), "defect map in enum order");
        for (DefectKind k : kinds) {
            long share = bad / kinds.length + (k.ordinal() < bad % kinds.length ? 1 : 0);
            assertEquals(share, r.count(k), k.key());
        }
    }

    @Test
    void everyRowMatchesItsDefectAndBadRowsCycleThroughTheKinds() throws IOException {
        GenerationResult r = generate(dir.resolve("orders.csv"), 20_000, 0.05, 7);

        List<DefectKind> perRow = defectsInFileOrder(r.csvFile());

        assertEquals(r.rows(), perRow.size());
        Map<DefectKind, Long> counted = new EnumMap<>(DefectKind.class);
        int nthBad = 0;
        for (DefectKind k : perRow) {
            if (k == null) continue;
            assertEquals(DefectKind.values()[nthBad % DefectKind.values().length], k, "bad row #" + nthBad);
            counted.merge(k, 1L, Long::sum);
            nthBad++;
        }
        assertEquals(r.bad(), nthBad);
        for (DefectKind k : DefectKind.values()) {
            assertEquals(r.count(k), counted.getOrDefault(k, 0L), k.key());
        }
    }

    @Test
    void invalidDatesAlternateBetweenFebruaryThirtiethAndYesterday() throws IOException {
        GenerationResult r = generate(dir.resolve("orders.csv"), 5_000, 0.2, 3);
        List<String> dates = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(r.csvFile()); CSVParser p = CSVFormat.RFC4180.parse(in)) {
            for (CSVRecord rec : p) {
                String d = rec.get(2);
                if (d.equals("2024-02-30") || d.equals("yesterday")) dates.add(d);
            }
        }
        assertEquals(r.count(DefectKind.INVALID_DATE), dates.size());
        for (int i = 0; i < dates.size(); i++) {
            assertEquals(i % 2 == 0 ? "2024-02-30" : "yesterday", dates.get(i), "invalid date #" + i);
        }
    }

    @Test
    void sameSettingsGiveSameBytesAndAnotherSeedGivesOtherBytes() throws IOException {
        GenerationResult a = generate(dir.resolve("a.csv"), 3_000, 0.05, 11);
        GenerationResult b = generate(dir.resolve("b.csv"), 3_000, 0.05, 11);
        GenerationResult c = generate(dir.resolve("c.csv"), 3_000, 0.05, 12);

        assertEquals(-1, Files.mismatch(a.csvFile(), b.csvFile()));
        assertEquals(-1, Files.mismatch(a.expectedFile(), b.expectedFile()));
        assertNotEquals(-1, Files.mismatch(a.csvFile(), c.csvFile()));
        assertEquals(a.counts(), c.counts(), "the counts depend on rows and bad rate only");
    }

    @Test
    void fileStartsWithTheHeaderAndEveryLineEndsWithCrLf() throws IOException {
        GenerationResult r = generate(dir.resolve("orders.csv"), 2_000, 0.05, 42);
        byte[] bytes = Files.readAllBytes(r.csvFile());
        String text = new String(bytes, StandardCharsets.US_ASCII);

        assertTrue(text.startsWith(OrdersGenerator.HEADER + "\r\n"));
        assertTrue(text.endsWith("\r\n"));
        long lineFeeds = 0;
        for (int i = 0; i < bytes.length; i++) {
            assertTrue(bytes[i] >= 0, "ASCII only, byte " + i);
            if (bytes[i] == '\n') {
                lineFeeds++;
                assertTrue(i > 0 && bytes[i - 1] == '\r', "LF at " + i + " preceded by CR");
            }
            if (bytes[i] == '\r') assertTrue(i + 1 < bytes.length && bytes[i + 1] == '\n', "CR at " + i + " followed by LF");
        }
        assertEquals(r.rows() + 1, lineFeeds, "one line per record plus the header");
    }

    @Test
    void fieldsAreQuotedOnlyWhenTheyHoldACommaOrAQuote() throws IOException {
        GenerationResult r = generate(dir.resolve("orders.csv"), 5_000, 0.05, 5);
        String[] lines = Files.readString(r.csvFile(), StandardCharsets.US_ASCII).split("\r\n");
        int quoted = 0;
        try (Reader in = Files.newBufferedReader(r.csvFile()); CSVParser p = CSVFormat.RFC4180.parse(in)) {
            int i = 0;
            for (CSVRecord rec : p) {
                StringBuilder minimal = new StringBuilder();
                for (int f = 0; f < rec.size(); f++) {
                    if (f > 0) minimal.append(',');
                    String v = rec.get(f);
                    if (v.contains(",") || v.contains("\"")) {
                        minimal.append('"').append(v.replace("\"", "\"\"")).append('"');
                        quoted++;
                    } else {
                        minimal.append(v);
                    }
                }
                assertEquals(minimal.toString(), lines[i], "line " + (i + 1));
                i++;
            }
            assertEquals(lines.length, i);
        }
        assertTrue(quoted > 0, "some customer ids need quoting");
    }

    @Test
    void expectedFileHasTheReferenceFormatAndReadsBackToTheSameCounts() throws IOException {
        GenerationResult r = generate(dir.resolve("orders.csv"), 4_321, 0.03, 9);

        assertEquals(dir.resolve("orders.csv.expected"), r.expectedFile());
        StringBuilder text = new StringBuilder()
                .append("rows=").append(r.rows()).append('\n')
                .append("good=").append(r.good()).append('\n')
                .append("bad=").append(r.bad()).append('\n');
        for (DefectKind k : DefectKind.values()) text.append("defect.").append(k.key()).append('=').append(r.count(k)).append('\n');
        assertEquals(text.toString(), Files.readString(r.expectedFile()));

        ExpectedCounts read = ExpectedCounts.read(r.expectedFile());
        assertEquals(r.counts(), read);
        assertEquals(List.of(keys(DefectKind.values())), List.copyOf(read.defects().keySet()));
    }

    @Test
    void readingAMalformedExpectedFileNamesTheProblem() throws IOException {
        Path f = dir.resolve("x.expected");

        Files.writeString(f, "rows=10\ngood=9\nbad=one\n");
        IllegalArgumentException notNumber = assertThrows(IllegalArgumentException.class, () -> ExpectedCounts.read(f));
        assertTrue(notNumber.getMessage().contains("line 3"), notNumber.getMessage());

        Files.writeString(f, "rows=10\ngood=9\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExpectedCounts.read(f)).getMessage().contains("bad="));

        Files.writeString(f, "rows=10\ngood=8\nbad=1\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExpectedCounts.read(f)).getMessage().contains("good + bad"));

        Files.writeString(f, "rows=10\ngood=9\nbad=1\ndefect.zero_quantity=2\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExpectedCounts.read(f)).getMessage().contains("add up"));

        Files.writeString(f, "rows=10\nrows=10\ngood=9\nbad=1\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExpectedCounts.read(f)).getMessage().contains("repeated"));
    }

    @Test
    void zeroRowsGiveTheHeaderOnlyAndZeroCounts() throws IOException {
        GenerationResult r = generate(dir.resolve("empty.csv"), 0, 0.5, 42);

        assertEquals(OrdersGenerator.HEADER + "\r\n", Files.readString(r.csvFile()));
        assertEquals(0, r.rows());
        assertEquals(0, r.good());
        assertEquals(0, r.bad());
        for (DefectKind k : DefectKind.values()) assertEquals(0, r.count(k), k.key());
        assertEquals(r.counts(), ExpectedCounts.read(r.expectedFile()));
    }

    @Test
    void builderHasTheReferenceDefaultsAndNamesTheBadParameter() {
        OrdersGenerator g = OrdersGenerator.builder().rows(5).build();
        assertEquals(0.01, g.badRate());
        assertEquals(42, g.seed());

        assertTrue(assertThrows(IllegalArgumentException.class, () -> OrdersGenerator.builder().rows(-1))
                .getMessage().contains("rows"));
        for (double rate : new double[] {-0.01, 1.01, Double.NaN}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> OrdersGenerator.builder().badRate(rate))
                    .getMessage().contains("badRate"), "rate " + rate);
        }
        assertTrue(assertThrows(IllegalStateException.class, () -> OrdersGenerator.builder().build())
                .getMessage().contains("rows"));
    }

    @Test
    void mainWritesTheFilesAndPrintsTheCounts() throws IOException {
        Path out = dir.resolve("cli.csv");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = OrdersGenerator.run(new String[] {"--rows", "250", "--bad-rate", "0.04", "--seed", "3", "--out", out.toString()},
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(0, code);
        assertEquals("rows=250 good=240 bad=10", err.toString(StandardCharsets.UTF_8).strip());
        GenerationResult direct = generate(dir.resolve("direct.csv"), 250, 0.04, 3);
        assertEquals(-1, Files.mismatch(direct.csvFile(), out));
        assertEquals(direct.counts(), ExpectedCounts.read(OrdersGenerator.expectedFileOf(out)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "''",
            "--rows 10",
            "--out x.csv",
            "--rows ten --out x.csv",
            "--rows -1 --out x.csv",
            "--rows 10 --bad-rate 1.5 --out x.csv",
            "--rows 10 --out x.csv --verbose",
            "--rows 10 --out"})
    void mainRejectsBadArgumentsWithExitCodeTwoAndUsage(String args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] argv = args.isBlank() ? new String[0] : args.split(" ");

        int code = OrdersGenerator.run(argv, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(OrdersGenerator.USAGE));
        assertTrue(Files.notExists(Path.of("x.csv")), "nothing written");
    }

    @Test
    void theInlinedGeneratorDrawsTheSameNumbersAsJavaUtilRandom() {
        int[] bounds = {1, 2, 8, 20, 50, 100, 731, 999_999, 1_000_000, 1 << 30, (1 << 30) + 1, Integer.MAX_VALUE};
        for (long seed : new long[] {0, 42, -7, Long.MAX_VALUE, Long.MIN_VALUE}) {
            Random expected = new Random(seed);
            OrdersGenerator.JdkRandom actual = new OrdersGenerator.JdkRandom(seed);
            for (int i = 0; i < 20_000; i++) {
                int bound = bounds[i % bounds.length];
                assertEquals(expected.nextInt(bound), actual.nextInt(bound), "seed " + seed + " draw " + i);
                if (i % 3 == 0) assertEquals(expected.nextDouble(), actual.nextDouble(), "seed " + seed + " double " + i);
            }
        }
    }

    @Test
    void aMillionRowsGenerateInAnEightMegabyteHeap() throws Exception {
        Path classes = Path.of(OrdersGenerator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path out = dir.resolve("big.csv");
        Path log = dir.resolve("big.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx8m", "-cp", classes.toString(), OrdersGenerator.class.getName(),
                "--rows", "1000000", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "finished");
        } finally {
            p.destroyForcibly();
        }

        assertEquals(0, p.exitValue(), Files.readString(log));
        ExpectedCounts counts = ExpectedCounts.read(OrdersGenerator.expectedFileOf(out));
        assertEquals(1_000_000, counts.rows());
        assertEquals(10_000, counts.bad());
        assertTrue(Files.size(out) > 40_000_000L, "the file is far larger than the heap: " + Files.size(out));
    }

    /** Parses the CSV and returns, per record, its defect (null for a good record), checking every field. */
    private static List<DefectKind> defectsInFileOrder(Path csv) throws IOException {
        List<DefectKind> result = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv); CSVParser p = CSVFormat.RFC4180.parse(in)) {
            boolean header = true;
            for (CSVRecord rec : p) {
                if (header) {
                    assertEquals(OrdersGenerator.HEADER, String.join(",", rec.toList()));
                    header = false;
                    continue;
                }
                result.add(defectOf(rec, result.size() + 1));
            }
        }
        return result;
    }

    private static DefectKind defectOf(CSVRecord rec, long k) {
        String where = "record " + k;
        List<DefectKind> found = new ArrayList<>();
        if (rec.size() == 6) found.add(DefectKind.MISSING_COLUMN);
        else if (rec.size() == 8) {
            assertEquals("EXTRA", rec.get(7), where);
            found.add(DefectKind.EXTRA_COLUMN);
        } else assertEquals(7, rec.size(), where + " columns");

        assertEquals(Long.toString(k), rec.get(0), where + " order_id");

        String customer = rec.get(1);
        if (customer.isEmpty()) found.add(DefectKind.MISSING_CUSTOMER_ID);
        else assertTrue(CUSTOMER.matcher(customer).matches(), where + " customer_id " + customer);

        String date = rec.get(2);
        if (date.equals("2024-02-30") || date.equals("yesterday")) {
            found.add(DefectKind.INVALID_DATE);
        } else {
            try {
                LocalDate d = LocalDate.parse(date, DateTimeFormatter.ISO_LOCAL_DATE);
                assertTrue(!d.isBefore(FIRST_DAY) && !d.isAfter(LAST_DAY), where + " date " + date);
            } catch (DateTimeParseException e) {
                throw new AssertionError(where + " date " + date, e);
            }
        }

        String amount = rec.get(3);
        if (amount.equals("12.3O")) {
            found.add(DefectKind.NON_NUMERIC_AMOUNT);
        } else {
            boolean negative = amount.startsWith("-");
            String digits = negative ? amount.substring(1) : amount;
            assertTrue(MONEY.matcher(digits).matches(), where + " amount " + amount);
            assertTrue(Double.parseDouble(digits) >= 0.01, where + " amount " + amount);
            if (negative) found.add(DefectKind.NEGATIVE_AMOUNT);
        }

        String currency = rec.get(4);
        if (currency.equals("XXX")) found.add(DefectKind.UNKNOWN_CURRENCY);
        else assertTrue(CURRENCIES.contains(currency), where + " currency " + currency);

        int quantity = Integer.parseInt(rec.get(5));
        if (quantity == 0) found.add(DefectKind.ZERO_QUANTITY);
        else assertTrue(quantity >= 1 && quantity <= 50, where + " quantity " + quantity);

        if (rec.size() >= 7) assertTrue(COUNTRIES.contains(rec.get(6)), where + " country " + rec.get(6));

        assertTrue(found.size() <= 1, where + " has one defect at most: " + found);
        return found.isEmpty() ? null : found.get(0);
    }

    private static String[] keys(DefectKind[] kinds) {
        String[] keys = new String[kinds.length];
        for (int i = 0; i < kinds.length; i++) keys[i] = kinds[i].key();
        return keys;
    }
}
