package io.etlrecovery.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.health.PreRunChecks;
import io.etlrecovery.health.Resources;
import io.etlrecovery.recovery.ErrorCategory;
import io.etlrecovery.store.BreakerRow;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public class HtmlReportTest {

    static final Instant NOW = Instant.parse("2026-11-20T10:37:00Z");
    static final String HOSTILE_PIPELINE = "<script>alert('pipeline')</script>";
    static final String HOSTILE_MESSAGE = "Bad value <script>alert(1)</script> & <img src=x onerror=alert(2)> \"q\" \u0001";

    @TempDir
    Path dir;

    private Store store;
    private Reports reports;

    @BeforeEach
    void open() {
        store = Store.open(StoreConfig.ofH2File(dir.resolve("store")));
        MutableClock clock = new MutableClock(NOW);
        long gib = 1L << 30;
        reports = Reports.on(store).clock(clock).healthLimits(PreRunChecks.builder()
                .probe(v -> new Resources(0.31, 6 * gib, 16 * gib, 40 * gib, 100 * gib, 300L << 20, 2 * gib, 85L, 65536L))
                .build());
        writeHistory(store, NOW);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Thirty days of three pipelines, one of them with hostile names and messages. */
    public static void writeHistory(Store store, Instant now) {
        History h = new History(store);
        Random rnd = new Random(7);
        for (int day = 29; day >= 0; day--) {
            Instant start = now.minus(Duration.ofDays(day)).minus(Duration.ofHours(3));
            boolean fails = day == 12 || day == 11 || day == 3;
            long run = h.start("orders-import", start);
            for (int b = 0; b < 5; b++) {
                long q = day < 4 ? 8 + rnd.nextInt(12) : rnd.nextInt(6);
                h.batch(run, "orders-import", start.plus(Duration.ofMinutes(10L * (b + 1))), 1000, q);
            }
            h.errors(run, "orders-import", ErrorCategory.DATA, "java.lang.NumberFormatException",
                    "For input string: \"" + rnd.nextInt(999) + "x\" in order " + rnd.nextInt(99999), 2 + rnd.nextInt(5),
                    1, "QUARANTINED", start.plus(Duration.ofMinutes(20)));
            if (day < 5) {
                h.errors(run, "orders-import", ErrorCategory.TRANSIENT, "java.net.SocketTimeoutException",
                        "Read timed out after " + (1000 + rnd.nextInt(9000)) + " ms calling https://crm.internal/api",
                        1 + rnd.nextInt(4), 3, day == 3 ? "RUN_STOPPED" : "RECOVERED", start.plus(Duration.ofMinutes(30)));
            }
            if (fails) {
                h.finish(run, "FAILED", start.plus(Duration.ofMinutes(55)), day == 3 ? "TRANSIENT" : "CONFIGURATION",
                        day == 3 ? "Circuit breaker 'crm' is open" : "Unknown column 'AMOUNT_" + day + "' in table 'ORDERS'");
            } else {
                h.finish(run, "SUCCEEDED", start.plus(Duration.ofMinutes(55)));
            }
            if (day % 2 == 0) {
                long c = h.start("customers-sync", start.plus(Duration.ofHours(1)));
                h.batch(c, "customers-sync", start.plus(Duration.ofHours(1)).plusSeconds(5 * 60L), 200, day == 0 ? 30 : 0);
                if (day == 0) {
                    h.errors(c, "customers-sync", ErrorCategory.DATA, "java.time.format.DateTimeParseException",
                            "Text '2026-13-01' could not be parsed at index 5", 30, 1, "QUARANTINED",
                            start.plus(Duration.ofHours(1)).plusSeconds(5 * 60L));
                }
                h.finish(c, "SUCCEEDED", start.plus(Duration.ofHours(1)).plusSeconds(6 * 60L));
            }
        }
        long hostile = h.start(HOSTILE_PIPELINE, now.minus(Duration.ofHours(2)));
        h.batch(hostile, HOSTILE_PIPELINE, now.minus(Duration.ofMinutes(3)), 100, 40);
        h.errors(hostile, HOSTILE_PIPELINE, ErrorCategory.DATA, "com.example.<b>Evil</b>Exception", HOSTILE_MESSAGE, 40,
                1, "QUARANTINED", now.minus(Duration.ofMinutes(3)));
        h.finish(hostile, "FAILED", now.minus(Duration.ofMinutes(2)), "DATA", HOSTILE_MESSAGE);
        store.useTransaction(s -> s.breakers().save(new BreakerRow("crm", "CLOSED", 0, 5, 100, 0, null, null, now)));
    }

    private static Document parse(String xhtml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xhtml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theReportIsWellFormedXhtmlWithInlineSvgCharts() throws Exception {
        String html = HtmlReport.render(reports, HtmlReport.Options.defaults());
        Document doc = parse(html);
        assertEquals("html", doc.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/1999/xhtml", doc.getDocumentElement().getNamespaceURI());
        int charts = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength();
        // a burn-down per pipeline (3), two failure charts per pipeline (6), the patterns chart (1)
        assertEquals(10, charts);
        assertTrue(html.contains("orders-import"));
        assertTrue(html.contains("customers-sync"));
        assertTrue(html.contains("Error budgets"));
        assertTrue(html.contains("Top error patterns"));
        assertTrue(html.contains("System health"));
    }

    @Test
    void recordContentIsEscapedAndNothingIsLoadedFromOutside() throws Exception {
        String html = HtmlReport.render(reports, HtmlReport.Options.defaults());
        String lower = html.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("<script"), "no script element");
        assertFalse(lower.contains("<img"), "no img element");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;pipeline&#39;)&lt;/script&gt;"));
        assertTrue(html.contains("Bad value &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt; "
                + "&quot;q&quot; \uFFFD"));
        assertTrue(html.contains("com.example.&lt;b&gt;Evil&lt;/b&gt;Exception"));
        Document doc = parse(html); // still well-formed with hostile content in it
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            for (String attr : List.of("src", "href", "xlink:href", "action", "onerror", "onload", "style")) {
                assertFalse(e.hasAttribute(attr), e.getTagName() + " has " + attr);
            }
        }
        assertFalse(lower.contains("url("), "no URLs in styles");
        assertFalse(lower.contains("@import"));
        // the only absolute URIs are the XML namespaces
        String withoutNamespaces = html.replace("http://www.w3.org/1999/xhtml", "").replace("http://www.w3.org/2000/svg", "");
        assertFalse(withoutNamespaces.contains("http://"));
        assertFalse(withoutNamespaces.replace("https://crm.internal/api", "").contains("https://"));
    }

    @Test
    void theFileIsWrittenAtomicallyAndReplacesAnOldReport() throws Exception {
        Path out = dir.resolve("reports").resolve("report.html");
        HtmlReport.write(reports, out);
        String first = Files.readString(out);
        assertTrue(first.startsWith("<!DOCTYPE html>"));
        Files.writeString(out, "old");
        HtmlReport.write(reports, out, HtmlReport.Options.builder().pipeline("orders-import").title("Orders").build());
        String second = Files.readString(out);
        assertTrue(second.contains("<title>Orders"));
        assertFalse(second.contains("customers-sync"));
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertEquals(List.of(out), files.toList(), "no temporary file left behind");
        }
        parse(second);
    }

    @Test
    void theSummaryShowsEachPipelinesBudgetStatusAndTheAlertsFiring() {
        String html = HtmlReport.render(reports, HtmlReport.Options.builder().includeHealth(false).build());
        // the hostile pipeline quarantined 40 of 100 records in the last two hours: it pages
        assertTrue(html.contains("<span class=\"chip PAGE\">PAGE</span>"));
        assertTrue(html.contains("<span class=\"chip EXHAUSTED\">EXHAUSTED</span>"));
        assertFalse(html.contains("System health"));
    }
}
