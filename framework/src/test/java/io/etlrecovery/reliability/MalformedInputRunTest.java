package io.etlrecovery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.io.CsvRow;
import io.etlrecovery.io.CsvSource;
import io.etlrecovery.pipeline.BatchStep;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.io.JdbcSink;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.runner.RunStatus;
import io.etlrecovery.store.QuarantineRow;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input through whole runs (CsvSource → processor → JdbcSink in the store): the third-party corpus and
 * the project's own nasty cases. Every run ends SUCCEEDED with each record loaded or quarantined exactly once
 * ({@link Ledger}); each is also interrupted halfway (a configuration failure) and resumed, which must change
 * nothing.
 */
class MalformedInputRunTest {

    @TempDir
    static Path dir;
    static Store store;
    static int seq;

    @BeforeAll
    static void open() {
        store = Store.open(StoreConfig.ofH2File(dir.resolve("store")));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static PipelineRunner runner(int batchSize) {
        return PipelineRunner.builder(store).batchSize(batchSize).errorThreshold(1.0, 1).sleeper(d -> { }).build();
    }

    /**
     * Runs {@code source} through {@link Ledger#csvPipeline}, failing once (a configuration error) at the
     * {@code failAt}-th processor call when it is positive, then resuming; asserts the invariant.
     */
    private static RunResult runAndAccount(String label, CsvSource source, int batchSize, int failAt) throws Exception {
        String name = "mal-" + (++seq);
        String table = "MAL_" + seq;
        Ledger.Expected expected = Ledger.expect(source);
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        JdbcSink<String> sink = JdbcSink.<String>builder(table).column("ROW_JSON", s -> s).runColumn("RUN_ID").build();
        Pipeline p = Pipeline.named(name)
                .beforeRun(c -> c.createStatement().execute("CREATE TABLE IF NOT EXISTS " + table
                        + " (ROW_JSON CLOB, RUN_ID BIGINT)"))
                .step(BatchStep.reading("load", source).process("check", (CsvRow row) -> {
                    if (calls.incrementAndGet() == failAt && failed.compareAndSet(false, true)) {
                        throw new SQLException("permission denied for table " + table, "42501");
                    }
                    return Ledger.check(row);
                }).writeTo(sink))
                .build();
        RunResult r = runner(batchSize).run(p);
        if (failed.get()) {
            assertEquals(RunStatus.FAILED, r.status(), label + ": " + r.stopReason());
            assertTrue(r.stopReason().contains("permission denied"), r.stopReason());
            r = runner(batchSize).run(p);
            assertTrue(r.resumed(), label + ": resumed");
        }
        assertEquals(RunStatus.SUCCEEDED, r.status(), label + ": " + r.stopReason());
        Ledger.assertAccounted(store, name, table, expected);
        return r;
    }

    // ------------------------------------------------------------------------------------------------ corpus

    @Test
    void everyCorpusFileRunsToTheEndWithEachRecordLoadedOrQuarantinedExactlyOnceAcrossAResume() throws Exception {
        Path corpus = sharedDir().resolve("corpus").resolve("csv");
        Assumptions.assumeTrue(Files.isDirectory(corpus), "no shared corpus at " + corpus);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".md")).sorted()
                    .toList();
        }
        assertFalse(files.isEmpty());
        long read = 0;
        long quarantined = 0;
        for (Path file : files) {
            CsvSource source = CsvSource.builder(file).build();
            long total = Ledger.expect(source).total();
            // about four batches a file, failing once in the middle: the resume starts from a checkpoint inside it
            RunResult r = runAndAccount(corpus.relativize(file).toString(), source, (int) Math.max(2, total / 4),
                    (int) Math.max(1, total / 2));
            read += r.recordsRead();
            quarantined += r.recordsQuarantined();
        }
        System.out.println("corpus: " + files.size() + " files, " + read + " records read, " + quarantined
                + " quarantined, each run interrupted once and resumed");
        assertTrue(read > 1_000 && quarantined > 0, "read " + read + ", quarantined " + quarantined);
    }

    static Path sharedDir() {
        String property = System.getProperty("etlrecovery.shared");
        if (property != null && !property.isBlank()) return Path.of(property);
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !(Files.isDirectory(d.resolve("framework")) && Files.exists(d.resolve("pom.xml")))) {
            d = d.getParent();
        }
        return (d == null ? Path.of("").toAbsolutePath() : d).resolve("..").resolve("shared").normalize();
    }

    // ------------------------------------------------------------------------------------------------ nasty cases

    /** One hand-made file, with what a run over it must load and quarantine, and a word of the reason. */
    record Case(String name, byte[] bytes, int loaded, int quarantined, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    static List<Case> nastyCases() {
        byte[] tenMb = new byte[10_000_000];
        Arrays.fill(tenMb, (byte) 'x');
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("unclosed quote mid-file", utf8("id,name\n1,a\n2,\"b\n3,c\n4,d\n"), 3, 1, "not closed"));
        cases.add(new Case("embedded newlines", utf8("id,name\n1,\"multi\nline\"\n2,\"x\r\ny\"\n3,z\n"), 3, 0, null));
        cases.add(new Case("byte order mark", utf8("\uFEFFid,name\n1,a\n2,b\n"), 2, 0, null));
        cases.add(new Case("mixed CRLF, LF and CR", utf8("id,name\r\n1,a\n2,b\r\n3,c\r4,d"), 4, 0, null));
        cases.add(new Case("invalid UTF-8 bytes", concat(utf8("id,name\n1,a\n2,b"), new byte[] {(byte) 0xff, (byte) 0xfe},
                utf8("c\n3,d\n4,\"e"), new byte[] {(byte) 0xc3}, utf8("\"\n5,f\n")), 3, 2, "invalid UTF-8 byte sequence"));
        cases.add(new Case("NUL bytes", utf8("id,name\n1,a\u0000b\n2,\u0000\n3,c\n"), 3, 0, null));
        cases.add(new Case("a 10 MB field", concat(utf8("id,name\n1,ok\n2,\""), tenMb, utf8("\"\n3,fine\n")), 2, 1,
                "maxRecordLength"));
        cases.add(new Case("empty lines everywhere", utf8("\n\r\n\nid,name\n\n1,a\n\n\r\n\n2,b\n\n\n"), 2, 0, null));
        cases.add(new Case("missing header names", utf8(",name,\n1,a,b\n2,c,d\n"), 2, 0, null));
        cases.add(new Case("duplicated header names", utf8("id,id,name\n1,2,x\n3,4,y\n"), 2, 0, null));
        cases.add(new Case("too many and too few columns", utf8("id,name\n1,a,extra\n2\n3,c\n4,d,e,f\n"), 1, 3,
                "expected 2 fields"));
        cases.add(new Case("file ending mid-record", utf8("id,name\n1,a\n2,b\n3,\"unfinished"), 2, 1, "not closed"));
        cases.add(new Case("character after a closing quote", utf8("id,name\n1,\"a\"x\n2,b\n3,\"c\"\"d\"\n"), 2, 1,
                "closing quote"));
        cases.add(new Case("empty file", new byte[0], 0, 0, null));
        cases.add(new Case("header only", utf8("id,name\n"), 0, 0, null));
        cases.add(new Case("header only without a line break", utf8("id,name"), 0, 0, null));
        cases.add(new Case("only blank lines", utf8("\n\r\n\n"), 0, 0, null));
        cases.add(new Case("unparseable header", utf8("id,\"na\"me\n1,a\n2,b\n"), 0, 3, "header"));
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nastyCases")
    void aNastyFileRunsToTheEndWithEachRecordLoadedOrQuarantinedWithItsPositionAndReason(Case c) throws Exception {
        Path file = dir.resolve("nasty-" + (seq + 1) + ".csv");
        Files.write(file, c.bytes());
        CsvSource source = CsvSource.builder(file).build();
        RunResult r = runAndAccount(c.name(), source, 2, Math.max(1, c.loaded() / 2 + 1));
        assertEquals(c.loaded(), r.recordsLoaded(), c.name() + ": loaded");
        assertEquals(c.quarantined(), r.recordsQuarantined(), c.name() + ": quarantined");
        if (c.reason() != null) {
            List<QuarantineRow> q = Ledger.quarantine(store, r.pipeline());
            assertTrue(q.stream().anyMatch(x -> x.errorMessage().contains(c.reason())),
                    c.name() + ": a reason mentions '" + c.reason() + "': " + q.stream().map(QuarantineRow::errorMessage).toList());
            assertTrue(q.stream().allMatch(x -> x.rawRecord().length() <= 65_536), "raw text stays bounded");
        }
    }

    // ------------------------------------------------------------------------------------------------ encodings

    @Test
    void aLatin1FileReadAsLatin1LoadsEveryNameCorrectly() throws Exception {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "id,name\n1,Müller\n2,Renée\n3,plain\n".getBytes(StandardCharsets.ISO_8859_1));
        RunResult r = runAndAccount("latin-1", CsvSource.builder(file).charset(StandardCharsets.ISO_8859_1).build(), 2, 2);
        assertEquals(3, r.recordsLoaded());
        List<String> rows = Ledger.loaded(store, "MAL_" + seq, r.runId());
        assertEquals(List.of("[\"1\",\"Müller\"]", "[\"2\",\"Renée\"]", "[\"3\",\"plain\"]"), rows);
    }

    @Test
    void aLatin1FileReadAsUtf8QuarantinesTheRecordsWithInvalidBytesAndNeverLoadsACorruptedValue() throws Exception {
        Path file = dir.resolve("latin1-as-utf8.csv");
        Files.write(file, "id,name\n1,Müller\n2,Renée\n3,plain\n".getBytes(StandardCharsets.ISO_8859_1));
        RunResult r = runAndAccount("latin-1 as UTF-8", CsvSource.builder(file).build(), 2, 1);
        assertEquals(1, r.recordsLoaded());
        assertEquals(2, r.recordsQuarantined());
        List<String> rows = Ledger.loaded(store, "MAL_" + seq, r.runId());
        assertEquals(List.of("[\"3\",\"plain\"]"), rows);
        List<QuarantineRow> q = Ledger.quarantine(store, r.pipeline());
        assertEquals(List.of("invalid UTF-8 byte sequence at line 2", "invalid UTF-8 byte sequence at line 3"),
                q.stream().map(QuarantineRow::errorMessage).sorted().toList());
        assertEquals(List.of(2L, 3L), q.stream().map(QuarantineRow::lineNumber).sorted().toList());
    }

    // ------------------------------------------------------------------------------------------------ memory

    @Test
    void aFiftyMegabyteFieldIsQuarantinedByARunWhoseHeapIsSmallerThanTheField() throws Exception {
        Path file = dir.resolve("huge-field.csv");
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'y');
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(utf8("id,name\n1,before\n2,\""));
            for (int i = 0; i < 50; i++) out.write(chunk);
            out.write(utf8("\"\n3,after\n"));
        }
        Path storePath = dir.resolve("huge-store");
        String url = StoreConfig.ofH2File(storePath).url();
        // 50 Mi characters are 100 MB as a Java string: a 64 MB heap cannot hold the field even once
        try (ChildJvm child = ChildJvm.start(List.of("-Xmx64m"), PipelineChild.class.getName(), url, file.toString(),
                "huge", "HUGE", "100")) {
            String result = child.awaitLine(l -> l.startsWith("RESULT"), 90);
            assertEquals("RESULT SUCCEEDED read=3 loaded=2 quarantined=1 reason=null", result, child.output());
            assertEquals(0, child.awaitExit(30));
        }
        try (Store s = Store.open(StoreConfig.ofH2File(storePath))) {
            List<QuarantineRow> q = Ledger.quarantine(s, "huge");
            assertEquals(1, q.size());
            assertEquals(2L, q.get(0).recordNumber());
            assertEquals(3L, q.get(0).lineNumber());
            assertEquals(65_536, q.get(0).rawRecord().length(), "the raw text keeps a bounded prefix");
            assertTrue(q.get(0).rawRecord().startsWith("2,\"yyy"));
            assertTrue(q.get(0).errorMessage().contains("52,428,804 characters long"), q.get(0).errorMessage());
            assertEquals(List.of("[\"1\",\"before\"]", "[\"3\",\"after\"]"),
                    Ledger.loaded(s, "HUGE", q.get(0).runId()));
        }
    }
}
