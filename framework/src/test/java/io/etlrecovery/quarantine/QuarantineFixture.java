package io.etlrecovery.quarantine;

import io.etlrecovery.io.CsvRow;
import io.etlrecovery.io.CsvSource;
import io.etlrecovery.io.JdbcSink;
import io.etlrecovery.pipeline.BatchStep;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.PipelineProvider;
import io.etlrecovery.pipeline.ValidationException;
import io.etlrecovery.store.Store;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small real pipeline for quarantine tests: a CSV file {@code id,name,amount} read by {@link CsvSource}, validated,
 * and loaded by a {@link JdbcSink} into PEOPLE in the store's own database (with the loading run's id).
 *
 * <p>A record is good iff it has exactly 3 fields, {@code id} is a positive long, {@code name} is non-empty and not
 * in {@link #blockedNames}, and {@code amount} is a decimal >= 0 with at most 2 fraction digits.
 */
public final class QuarantineFixture {

    public static final String PIPELINE = "people";
    public static final String DDL = "CREATE TABLE IF NOT EXISTS PEOPLE (ID BIGINT PRIMARY KEY, NAME VARCHAR(50) NOT NULL, "
            + "AMOUNT DECIMAL(12,2) NOT NULL, RUN_ID BIGINT)";

    /** Names the validation refuses: a test "fixes the pipeline" by removing one. */
    public final Set<String> blockedNames = ConcurrentHashMap.newKeySet();

    /** When set, every record fails with a configuration error that stops the run. */
    public volatile boolean broken;

    /** A name whose validation hangs, as a call to a dead service would: until it is interrupted, or for 30 s. */
    public volatile String hangingName;

    public record Person(long id, String name, BigDecimal amount) {
    }

    public Person validate(CsvRow row) throws ValidationException {
        if (broken) throw new SecurityException("access to the validation rules denied");
        if (row.size() != 3) throw new ValidationException("expected 3 fields, got " + row.size());
        long id;
        try {
            id = Long.parseLong(row.get("id"));
        } catch (NumberFormatException e) {
            throw new ValidationException("id", "id '" + row.get("id") + "' is not a number");
        }
        String name = row.get("name");
        if (name.isEmpty()) throw new ValidationException("name", "name is empty");
        if (blockedNames.contains(name)) throw new ValidationException("name", "name '" + name + "' is blocked");
        if (name.equals(hangingName)) hang();
        BigDecimal amount;
        try {
            amount = new BigDecimal(row.get("amount"));
        } catch (NumberFormatException e) {
            throw new ValidationException("amount", "amount '" + row.get("amount") + "' is not a number");
        }
        if (amount.signum() < 0) throw new ValidationException("amount", "amount " + amount + " is negative");
        if (amount.scale() > 2) throw new ValidationException("amount", "amount " + amount + " has more than 2 decimals");
        return new Person(id, name, amount);
    }

    private static void hang() {
        try {
            new java.util.concurrent.CountDownLatch(1).await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public Pipeline pipeline(Path csv) {
        JdbcSink<Person> sink = JdbcSink.<Person>builder("PEOPLE")
                .column("ID", Person::id)
                .column("NAME", Person::name)
                .column("AMOUNT", Person::amount)
                .runColumn("RUN_ID")
                .build();
        return Pipeline.named(PIPELINE)
                .beforeRun(c -> {
                    try (Statement st = c.createStatement()) {
                        st.execute(DDL);
                    }
                })
                .step(BatchStep.reading("load", CsvSource.builder(csv).build())
                        .process("validate", this::validate)
                        .writeTo(sink))
                .build();
    }

    /** The pipeline as a provider (for the command line); it needs {@code --input}. */
    public PipelineProvider provider() {
        return new PipelineProvider() {
            @Override
            public String name() {
                return PIPELINE;
            }

            @Override
            public Pipeline create(Context context) {
                return pipeline(context.requireInput());
            }
        };
    }

    /** Writes {@code id,name,amount} and then {@code lines}, CRLF-terminated. */
    public static Path csv(Path file, String... lines) throws IOException {
        StringBuilder sb = new StringBuilder("id,name,amount\r\n");
        for (String l : lines) sb.append(l).append("\r\n");
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /** PEOPLE as {@code id|name|amount|run} lines, by id. */
    public static List<String> people(Store store) throws java.sql.SQLException {
        return store.withSession(s -> {
            List<String> out = new ArrayList<>();
            try (Statement st = s.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT ID, NAME, AMOUNT, RUN_ID FROM PEOPLE ORDER BY ID")) {
                while (rs.next()) {
                    out.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getBigDecimal(3).toPlainString() + "|"
                            + rs.getLong(4));
                }
            }
            return out;
        });
    }
}
