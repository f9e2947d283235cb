package io.etlrecovery.cli;

import io.etlrecovery.io.CsvRow;
import io.etlrecovery.io.CsvSource;
import io.etlrecovery.pipeline.BatchStep;
import io.etlrecovery.pipeline.Compensable;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.PipelineProvider;
import io.etlrecovery.pipeline.Sink;
import io.etlrecovery.pipeline.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * Test pipeline {@code cli-items}, registered in META-INF/services for the command-line tests: reads a CSV file
 * {@code id,value} (--input), quarantines rows whose value is {@code bad}, and loads the others into
 * CLI_ITEMS(ID, VAL, RUN_ID) in the store's database, merging by ID so that --force can load a file again;
 * rolling back a run deletes its rows. Parameter {@code prefix} (default empty) is prepended to every value.
 */
public final class CliItemsPipeline implements PipelineProvider {

    static final String NAME = "cli-items";
    static final String DDL = "CREATE TABLE IF NOT EXISTS CLI_ITEMS (ID BIGINT PRIMARY KEY, VAL VARCHAR(40), RUN_ID BIGINT)";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Test pipeline: CSV id,value into CLI_ITEMS, values 'bad' quarantined";
    }

    @Override
    public Pipeline create(Context context) {
        Path input = context.requireInput();
        String prefix = context.parameter("prefix", "");
        CsvSource source = CsvSource.builder(input).build();
        return Pipeline.named(NAME)
                .beforeRun(c -> c.createStatement().execute(DDL))
                .step(BatchStep.reading("load", source)
                        .process("validate", (CsvRow r) -> validate(r, prefix))
                        .writeTo(new ItemsSink()))
                .build();
    }

    private static String[] validate(CsvRow r, String prefix) throws ValidationException {
        String value = r.get("value");
        if ("bad".equals(value)) throw new ValidationException("value", "value must not be 'bad'");
        return new String[] {r.get("id"), prefix + value};
    }

    /** Writes a CSV input with {@code n} rows {@code i,v<i>}; rows whose number is in {@code bad} get value bad. */
    static Path writeInput(Path file, int n, int... bad) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("id,value");
        outer:
        for (int i = 1; i <= n; i++) {
            for (int b : bad) {
                if (b == i) {
                    lines.add(i + ",bad");
                    continue outer;
                }
            }
            lines.add(i + ",v" + i);
        }
        return Files.write(file, lines);
    }

    private static final class ItemsSink implements Sink<String[]>, Compensable {
        @Override
        public void write(List<? extends String[]> items, WriteContext ctx) throws Exception {
            try (PreparedStatement ps = ctx.connection().prepareStatement(
                    "MERGE INTO CLI_ITEMS (ID, VAL, RUN_ID) KEY (ID) VALUES (?, ?, ?)")) {
                for (String[] item : items) {
                    ps.setLong(1, Long.parseLong(item[0]));
                    ps.setString(2, item[1]);
                    ps.setLong(3, ctx.runId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }

        @Override
        public long compensate(long runId, Connection connection) throws Exception {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM CLI_ITEMS WHERE RUN_ID = ?")) {
                ps.setLong(1, runId);
                return ps.executeUpdate();
            }
        }
    }
}
