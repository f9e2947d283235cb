package io.etlrecovery.samples.userdefined;

import io.etlrecovery.io.CsvRow;
import io.etlrecovery.io.CsvSource;
import io.etlrecovery.io.JdbcSink;
import io.etlrecovery.pipeline.BatchStep;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.PipelineProvider;
import io.etlrecovery.pipeline.ValidationException;
import java.sql.Statement;

/**
 * A user's own pipeline, as a user would write it: registered only in this module's test resources
 * ({@code META-INF/services/io.etlrecovery.pipeline.PipelineProvider}), it loads a CSV of names into GREETINGS.
 */
public final class GreetingsProvider implements PipelineProvider {

    @Override
    public String name() {
        return "greetings";
    }

    @Override
    public String description() {
        return "Greets everyone in a CSV with a 'name' column.";
    }

    @Override
    public Pipeline create(Context context) {
        BatchStep<CsvRow> greet = BatchStep.reading("greet", CsvSource.builder(context.requireInput()).build())
                .process("greeting", (CsvRow row) -> {
                    String name = row.get("name");
                    if (name == null || name.isBlank()) throw new ValidationException("name", "name must not be empty");
                    return "Hello, " + name + "!";
                })
                .writeTo(JdbcSink.<String>builder("GREETINGS").column("TEXT", s -> s).runColumn("RUN_ID").build())
                .build();
        return Pipeline.named(name())
                .beforeRun(c -> {
                    try (Statement st = c.createStatement()) {
                        st.execute("CREATE TABLE IF NOT EXISTS GREETINGS (TEXT VARCHAR(200) NOT NULL, RUN_ID BIGINT)");
                    }
                })
                .step(greet)
                .build();
    }
}
