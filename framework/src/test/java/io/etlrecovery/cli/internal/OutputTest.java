package io.etlrecovery.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlrecovery.cli.internal.Output.Format;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class OutputTest {

    private static final List<String> COLUMNS = List.of("runId", "pipeline", "recordsRead", "note");

    private static Map<String, Object> row(Object runId, String pipeline, Object read, String note) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("runId", runId);
        row.put("pipeline", pipeline);
        row.put("recordsRead", read);
        row.put("note", note);
        return row;
    }

    private static final List<Map<String, Object>> ROWS = List.of(
            row(7L, "orders", 1_000_000L, "ok"),
            row(12L, "customers-nightly", 5L, null),
            row(13L, "evil", null, "line1\nline2,\"quoted\" \u001b[2J \u009b"));

    @Test
    void aTableHasUpperCaseHeadersLeftAlignedTextAndRightAlignedNumbers() {
        String table = Output.render(Format.TABLE, COLUMNS, ROWS.subList(0, 2));

        assertEquals("""
                RUN ID  PIPELINE           RECORDS READ  NOTE
                     7  orders                  1000000  ok
                    12  customers-nightly             5
                """, table);
    }

    @Test
    void aTableCellIsTerminalSafeOnOneLineAndCutWhenLong() {
        String table = Output.render(Format.TABLE, List.of("note"), List.of(
                Map.of("note", "a\nb \u001b[2J"), Map.of("note", "x".repeat(500))));

        List<String> lines = table.lines().toList();
        assertEquals(3, lines.size(), table);
        assertEquals("a\\nb \\x1b[2J", lines.get(1));
        assertEquals("x".repeat(Output.MAX_CELL_WIDTH - 3) + "...", lines.get(2));
    }

    @Test
    void aTableWithoutRowsIsItsHeaderLine() {
        assertEquals("RUN ID  PIPELINE  RECORDS READ  NOTE\n", Output.render(Format.TABLE, COLUMNS, List.of()));
    }

    @Test
    void jsonIsAnArrayOfObjectsThatParsesBackToTheExactValues() throws Exception {
        String json = Output.render(Format.JSON, COLUMNS, ROWS);

        JsonNode tree = new ObjectMapper().readTree(json);
        assertEquals(3, tree.size());
        assertEquals(List.of("runId", "pipeline", "recordsRead", "note"), fieldNames(tree.get(0)));
        assertEquals(1_000_000L, tree.get(0).get("recordsRead").asLong());
        assertTrue(tree.get(0).get("recordsRead").isIntegralNumber());
        assertTrue(tree.get(1).get("note").isNull());
        assertEquals("line1\nline2,\"quoted\" \u001b[2J \u009b", tree.get(2).get("note").asText());
        assertFalse(json.contains("\u001b") || json.contains("\u009b"), "raw control characters in " + json);
    }

    @Test
    void jsonKeepsBooleansAndNestedValuesAndWritesOtherObjectsAsText() throws Exception {
        Instant at = Instant.parse("2025-01-02T03:04:05Z");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ok", true);
        row.put("at", at);
        row.put("tags", List.of("a", 1));
        String json = Output.render(Format.JSON, List.of("ok", "at", "tags"), List.of(row));

        JsonNode r = new ObjectMapper().readTree(json).get(0);
        assertTrue(r.get("ok").isBoolean());
        assertEquals(at.toString(), r.get("at").asText());
        assertEquals(2, r.get("tags").size());
    }

    @Test
    void anEmptyJsonListIsAnEmptyArray() throws Exception {
        assertEquals(0, new ObjectMapper().readTree(Output.render(Format.JSON, COLUMNS, List.of())).size());
    }

    @Test
    void csvHasAHeaderAndQuotesWhatNeedsIt() throws Exception {
        String csv = Output.render(Format.CSV, COLUMNS, ROWS);

        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertEquals(3, records.size());
        assertEquals(COLUMNS, records.get(0).getParser().getHeaderNames());
        assertEquals("1000000", records.get(0).get("recordsRead"));
        assertEquals("", records.get(1).get("note"));
        assertEquals("line1\nline2,\"quoted\" \\x1b[2J \\x9b", records.get(2).get("note"));
        assertTrue(csv.startsWith("runId,pipeline,recordsRead,note\n"), csv);
    }

    @Test
    void keysThatAreNotColumnsAreIgnoredAndMissingColumnsAreNull() {
        String csv = Output.render(Format.CSV, List.of("a", "b"), List.of(Map.of("a", 1, "z", 2)));
        assertEquals("a,b\n1,\n", csv);
    }

    @Test
    void columnsMustBeGivenAndDistinct() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Output.render(Format.TABLE, List.of(), List.of()));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Output.render(Format.TABLE, List.of("a", "a"), List.of()));
        assertTrue(none.getMessage().startsWith("columns:"));
        assertTrue(twice.getMessage().startsWith("columns:"));
    }

    @Test
    void headersSplitCamelCaseAndUnderscores() {
        assertEquals("RECORDS READ", Output.header("recordsRead"));
        assertEquals("RECORDS READ", Output.header("records_read"));
        assertEquals("TABLE", Output.header("table"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
