package io.etlrecovery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.cli.Main;
import io.etlrecovery.cli.internal.Output;
import io.etlrecovery.io.CsvRow;
import io.etlrecovery.io.CsvSource;
import io.etlrecovery.io.JdbcSink;
import io.etlrecovery.pipeline.BatchStep;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.ValidationException;
import io.etlrecovery.report.HtmlReport;
import io.etlrecovery.report.Reports;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.runner.RunStatus;
import io.etlrecovery.store.QuarantineRow;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records whose content is SQL, HTML/script, terminal escape sequences or very long lines: loaded and quarantined
 * verbatim (parameterized SQL, the store's tables intact), and shown safely — escaped in the HTML report, control
 * characters neutralised in the command line's table output.
 */
class HostileContentTest {
    static final String ESC = "\u001b";
    static final String SQL = "'); DROP TABLE QUARANTINED_RECORDS; --";
    static final String LONG = "L".repeat(300_000);

    @TempDir
    Path dir;
    Store store;
    StoreConfig config;

    @BeforeEach
    void open() {
        config = StoreConfig.ofH2File(dir.resolve("store"));
        store = Store.open(config);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A name must be plain text; the message quotes the value unquoted, so it reaches the pattern reports. */
    static String check(CsvRow row) throws ValidationException {
        if (!row.isConsistent()) throw new ValidationException("expected 3 fields, found " + row.size());
        String name = row.get("name");
        for (char c : name.toCharArray()) {
            if (c == '<' || c == '\'' || c < 0x20 || c >= 0x7f && c <= 0x9f || name.length() > 1000) {
                throw new ValidationException("name", "name must be plain text, found " + name);
            }
        }
        return Ledger.json(row);
    }

    @Test
    void hostileRecordsAreStoredVerbatimAndShownSafelyInTheHtmlReportAndTheTerminal() throws Exception {
        List<String> lines = List.of(
                "1,ok,\"" + SQL + "\"",
                "2,\"Robert'); DROP TABLE PIPELINE_RUNS;--\",x",
                "3,<script>alert(document.cookie)</script>,y",
                "4," + ESC + "[2J" + ESC + "]0;pwned\u0007" + ESC + "[31mred,z",
                "5,ok,<img src=x onerror=alert(1)>",
                "6,ok," + LONG,
                "7,csi\u009b31m,w",
                "8," + LONG + ",v",
                "9,x,\"" + SQL + "\",extra");
        Path input = Files.writeString(dir.resolve("hostile.csv"), "id,name,comment\n" + String.join("\n", lines) + "\n");
        JdbcSink<String> sink = JdbcSink.<String>builder("HOSTILE_ROWS").column("ROW_JSON", s -> s).runColumn("RUN_ID").build();
        Pipeline p = Pipeline.named("hostile")
                .beforeRun(c -> c.createStatement().execute("CREATE TABLE IF NOT EXISTS HOSTILE_ROWS (ROW_JSON CLOB, RUN_ID BIGINT)"))
                .step(BatchStep.reading("load", CsvSource.builder(input).build())
                        .process("check", HostileContentTest::check).writeTo(sink))
                .build();
        RunResult r = PipelineRunner.builder(store).batchSize(4).errorThreshold(1.0, 1).sleeper(d -> { }).build().run(p);
        assertEquals(RunStatus.SUCCEEDED, r.status(), r.stopReason());
        assertEquals(3, r.recordsLoaded());
        assertEquals(6, r.recordsQuarantined());

        // loaded verbatim, through bound parameters
        List<String> loaded = Ledger.loaded(store, "HOSTILE_ROWS", r.runId());
        List<String> expectedLoaded = new ArrayList<>(List.of(
                Ledger.JSON.writeValueAsString(List.of("1", "ok", SQL)),
                Ledger.JSON.writeValueAsString(List.of("5", "ok", "<img src=x onerror=alert(1)>")),
                Ledger.JSON.writeValueAsString(List.of("6", "ok", LONG))));
        expectedLoaded.sort(null);
        assertEquals(expectedLoaded, loaded);

        // quarantined verbatim, with positions
        List<QuarantineRow> q = Ledger.quarantine(store, "hostile");
        assertEquals(List.of(2L, 3L, 4L, 7L, 8L, 9L), q.stream().map(QuarantineRow::recordNumber).toList());
        for (QuarantineRow row : q) {
            assertEquals(lines.get((int) (long) row.recordNumber() - 1), row.rawRecord(), "raw text of " + row.recordNumber());
            assertEquals(row.recordNumber() + 1, row.lineNumber());
        }

        // every table is still there, with its rows
        Map<String, Long> counts = store.tableCounts();
        assertEquals(Store.TABLES, List.copyOf(counts.keySet()));
        assertEquals(6L, counts.get("QUARANTINED_RECORDS"));
        assertEquals(1L, counts.get("PIPELINE_RUNS"));

        // the HTML report escapes what it shows
        String html = HtmlReport.render(Reports.on(store), HtmlReport.Options.builder().pipeline("hostile").build());
        assertTrue(html.contains("&lt;script&gt;alert"), "the script text is shown, escaped");
        assertFalse(html.contains("<script>alert"), "no live script");
        assertNoTerminalControls(html);

        // a table of quarantined records, as the command line prints it: no control character reaches the terminal
        List<Map<String, ?>> rows = new ArrayList<>();
        for (QuarantineRow row : q) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("record", row.recordNumber());
            m.put("raw", row.rawRecord());
            m.put("error", row.errorMessage());
            rows.add(m);
        }
        String table = Output.render(Output.Format.TABLE, List.of("record", "raw", "error"), rows);
        assertNoTerminalControls(table);
        assertTrue(table.contains("\\x1b[2J"), "the escape is shown as visible text: " + table);
        assertTrue(table.lines().allMatch(l -> l.length() < 1_000), "long values are cut in a table");

        // and the real command: patterns of the pipeline, whose messages carry the hostile names
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--db", config.url(), "patterns", "--pipeline", "hostile"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed);
        assertTrue(printed.contains("name must be plain text"), printed);
        assertNoTerminalControls(printed);
    }

    private static void assertNoTerminalControls(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c >= 0x80 && c <= 0x9f;
            assertFalse(control, "control character U+" + Integer.toHexString(c) + " at " + i + " in: "
                    + text.substring(Math.max(0, i - 40), Math.min(text.length(), i + 40)));
        }
    }
}
