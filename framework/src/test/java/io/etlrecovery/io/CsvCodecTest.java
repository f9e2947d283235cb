package io.etlrecovery.io;

import static io.etlrecovery.io.CsvTestSupport.readAll;
import static io.etlrecovery.io.CsvTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.pipeline.RecordCodec;
import io.etlrecovery.pipeline.SourceRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvCodecTest {

    @TempDir
    Path dir;

    private CsvSource source() throws Exception {
        return CsvSource.builder(write(dir, "codec.csv", "id,name,note\r\n"
                + "1,\"Smith, John\",\"two\r\nlines\"\r\n"
                + "2,short\r\n"
                + "3,long,row,EXTRA,MORE\r\n")).build();
    }

    @Test
    void fieldsAreTheHeaderNamesThenExtrasAndAShortRowLacksItsMissingFields() throws Exception {
        CsvSource source = source();
        List<SourceRecord<CsvRow>> rs = readAll(source);
        RecordCodec<CsvRow> codec = source.codec();

        assertEquals(List.of("id", "name", "note"), List.copyOf(codec.toFields(rs.get(0).value()).keySet()));
        assertEquals(Map.of("id", "2", "name", "short"), codec.toFields(rs.get(1).value()));
        LinkedHashMap<String, String> extra = codec.toFields(rs.get(2).value());
        assertEquals(List.of("id", "name", "note", "_extra_1", "_extra_2"), List.copyOf(extra.keySet()));
        assertEquals("MORE", extra.get("_extra_2"));
    }

    @Test
    void fromFieldsRebuildsRowsIncludingTheirExtraFields() throws Exception {
        CsvSource source = source();
        List<SourceRecord<CsvRow>> rs = readAll(source);
        RecordCodec<CsvRow> codec = source.codec();

        assertEquals(rs.get(0).value(), codec.fromFields(codec.toFields(rs.get(0).value())));
        assertEquals(rs.get(2).value(), codec.fromFields(codec.toFields(rs.get(2).value())));
        // a missing field comes back empty, so the corrected row has the header's width
        assertEquals(List.of("2", "short", ""), codec.fromFields(codec.toFields(rs.get(1).value())).values());
    }

    @Test
    void anEmptiedExtraFieldCountsAsRemoved() throws Exception {
        CsvSource source = source();
        CsvRow row = readAll(source).get(2).value();
        LinkedHashMap<String, String> fields = source.codec().toFields(row);

        fields.put("_extra_1", "");
        CsvRow corrected = source.codec().fromFields(fields);

        assertEquals(List.of("3", "long", "row", "MORE"), corrected.values());
        fields.put("_extra_2", "");
        assertTrue(source.codec().fromFields(fields).isConsistent());
    }

    @Test
    void fromRawParsesTheRawTextAsTheSourceDid() throws Exception {
        CsvSource source = source();
        for (SourceRecord<CsvRow> r : readAll(source)) {
            assertEquals(r.value(), source.codec().fromRaw(r.raw()), r.raw());
        }
    }

    @Test
    void fromRawRejectsTextThatIsNotOneRecord() throws Exception {
        CsvSource source = source();

        assertTrue(assertThrows(MalformedRecordException.class, () -> source.codec().fromRaw("1,a\r\n2,b"))
                .getMessage().contains("more than one record"));
        assertThrows(MalformedRecordException.class, () -> source.codec().fromRaw("1,\"a\"b"));
        assertThrows(MalformedRecordException.class, () -> source.codec().fromRaw(""));
    }

    @Test
    void aGivenHeaderIsUsedAndAVanishedFileFallsBackToTheFieldNames() throws Exception {
        Path file = write(dir, "gone.csv", "a,b\r\n1,2\r\n");
        CsvSource given = CsvSource.builder(file).header("x", "y").build();
        CsvSource fromFile = CsvSource.builder(file).build();
        CsvRow row = readAll(fromFile).get(0).value();
        Files.delete(file);

        assertEquals(List.of("x", "y"), given.codec().fromFields(Map.of("x", "1")).header());
        assertEquals(row, fromFile.codec().fromFields(fromFile.codec().toFields(row)));
    }
}
