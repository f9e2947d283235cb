package io.etlrecovery.readme;

import io.etlrecovery.io.CsvRow;
import io.etlrecovery.io.CsvSource;
import io.etlrecovery.io.JdbcSink;
import io.etlrecovery.pipeline.BatchStep;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.PipelineProvider;
import io.etlrecovery.pipeline.ValidationException;

/**
 * The README's example of a user's own pipeline: customers.csv (id,email) into CUSTOMERS, bad rows quarantined.
 * Registered in META-INF/services/io.etlrecovery.pipeline.PipelineProvider of the user's jar.
 */
public final class CustomersPipeline implements PipelineProvider {

    /** One customer, as the sink writes it. */
    public record Customer(long id, String email) {
    }

    @Override
    public String name() {
        return "customers";
    }

    @Override
    public String description() {
        return "Loads a customers CSV (id,email) into CUSTOMERS";
    }

    @Override
    public Pipeline create(Context context) {
        return Pipeline.named("customers")
                .beforeRun(connection -> connection.createStatement().execute("CREATE TABLE IF NOT EXISTS CUSTOMERS "
                        + "(ID BIGINT PRIMARY KEY, EMAIL VARCHAR(200) NOT NULL, LOADED_RUN_ID BIGINT)"))
                .step(BatchStep.reading("load", CsvSource.builder(context.requireInput()).build())
                        .process("validate", CustomersPipeline::validate)
                        .writeTo(JdbcSink.<Customer>builder("CUSTOMERS")
                                .column("ID", Customer::id)
                                .column("EMAIL", Customer::email)
                                .runColumn("LOADED_RUN_ID") // lets `runs rollback` remove what a run loaded
                                .build()))
                .build();
    }

    /** Bad values throw: the record is quarantined with its raw text and the reason, and the run goes on. */
    static Customer validate(CsvRow row) throws ValidationException {
        String email = row.get("email");
        if (!email.contains("@")) throw new ValidationException("email", "not an e-mail address: " + email);
        return new Customer(Long.parseLong(row.get("id")), email); // a bad id: NumberFormatException, a DATA error
    }
}
