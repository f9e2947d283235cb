package io.etlrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportCommandTest {

    private static final String SVG = "http://www.w3.org/2000/svg";

    @TempDir
    static Path dir;

    @TempDir
    Path out;

    static ReportHistory history;

    @BeforeAll
    static void writeHistory() {
        history = ReportHistory.standard(dir);
    }

    @AfterAll
    static void close() {
        history.close();
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    @Test
    void writesOneWellFormedSelfContainedHtmlFileWithInlineSvgCharts() throws Exception {
        Path file = out.resolve("report.html");

        CliRun run = history.cli("report", "--out", file.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("Wrote " + file + " ("), run::toString);
        assertTrue(run.out().contains("2 pipelines"), run::toString);
        Document doc = parse(file);
        assertEquals("html", doc.getDocumentElement().getLocalName());
        assertTrue(doc.getElementsByTagNameNS(SVG, "svg").getLength() >= 3, "burn-down, failure rate, patterns charts");
        String html = Files.readString(file);
        for (String section : List.of("orders", "customers", "Error budgets", "Top error patterns", "System health")) {
            assertTrue(html.contains(section), section);
        }
        String lower = html.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("<script"), "no script element");
        assertFalse(lower.contains("<link") || lower.contains("src=") || lower.contains("href=\"http"), "nothing external");
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left next to it");
        }
    }

    @Test
    void hostileRecordContentIsEscapedInTheReport() throws Exception {
        Path file = out.resolve("report.html");

        CliRun run = history.cli("report", "--out", file.toString());

        assertEquals(0, run.exitCode(), run::toString);
        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(html.contains("unexpected markup in value"), "the hostile pattern is in the report");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "shown as text");
        assertFalse(html.contains("\u001b"), "no raw escape character");
        assertFalse(html.contains("\u0007"), "no raw bell character");
        parse(file); // still well-formed
    }

    @Test
    void anExistingFileIsReplacedAndAMissingDirectoryCreated() throws Exception {
        Path file = out.resolve("nested/dir/report.html");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "old");

        CliRun run = history.cli("report", "--out", file.toString(), "--pipeline", "orders", "--no-health");

        assertEquals(0, run.exitCode(), run::toString);
        String html = Files.readString(file);
        assertTrue(html.startsWith("<?xml") || html.startsWith("<!DOCTYPE") || html.startsWith("<html"), html.substring(0, 40));
        assertFalse(html.contains("customers"), "only the pipeline asked for");
        assertFalse(html.contains("System health"), "--no-health leaves the section out");
        Path fresh = out.resolve("new/sub/report.html");
        CliRun again = history.cli("report", "--out", fresh.toString(), "--no-health");
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(Files.size(fresh) > 1000);
    }

    @Test
    void aFileThatCannotBeWrittenExitsOneAndLeavesNothingBehind() throws Exception {
        Path notADir = out.resolve("plain-file");
        Files.writeString(notADir, "x");

        CliRun run = history.cli("report", "--out", notADir.resolve("report.html").toString(), "--no-health");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: cannot write the report to "), run::toString);
        assertEquals("x", Files.readString(notADir));
    }

    @Test
    void usageErrors() throws Exception {
        CliRun missing = history.cli("report");
        assertEquals(2, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("--out"), missing::toString);

        CliRun directory = history.cli("report", "--out", out.toString());
        assertEquals(2, directory.exitCode(), directory::toString);
        assertTrue(directory.err().contains("is a directory"), directory::toString);

        CliRun top = history.cli("report", "--out", out.resolve("r.html").toString(), "--top", "0");
        assertEquals(2, top.exitCode(), top::toString);
        assertFalse(Files.exists(out.resolve("r.html")));
    }
}
