package io.etlrecovery.cli;

import io.etlrecovery.quarantine.QuarantineQuery;
import io.etlrecovery.quarantine.QuarantineStatus;
import io.etlrecovery.quarantine.QuarantinedRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code quarantine}: groups the commands over quarantined records ({@link io.etlrecovery.quarantine.Quarantine}):
 * {@code list}, {@code show}, {@code export}, {@code reprocess}, {@code discard}.
 */
@Command(name = "quarantine",
        description = {"List, show, export, reprocess and discard quarantined records.",
            "A typical fix: 'quarantine export --pipeline P --out bad.csv', correct values in bad.csv, then "
                    + "'quarantine reprocess --pipeline P --from bad.csv'. Nothing is ever deleted: records end "
                    + "REPROCESSED or DISCARDED."},
        subcommands = {QuarantineListCommand.class, QuarantineShowCommand.class, QuarantineExportCommand.class,
            QuarantineReprocessCommand.class, QuarantineDiscardCommand.class})
final class QuarantineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw EtlRecoveryCommand.missingSubcommand(spec);
    }

    /** {@code --pipeline}, {@code --run}, {@code --status}, {@code --limit}: which records a listing shows. */
    static final class Filters {
        @Option(names = "--pipeline", paramLabel = "<name>", description = "Only records of this pipeline.")
        String pipeline;

        @Option(names = "--run", paramLabel = "<run-id>", description = "Only records quarantined by this run.")
        Long run;

        @Option(names = "--status", paramLabel = "<status>",
                description = "Only records in this status: quarantined, reprocessed or discarded (default: all).")
        QuarantineStatus status;

        @Option(names = "--limit", paramLabel = "<n>", defaultValue = "100",
                description = "At most this many records, oldest first (default: ${DEFAULT-VALUE}).")
        int limit;

        QuarantineQuery query(CommandSpec spec) {
            QuarantineQuery.Builder b = QuarantineQuery.builder();
            try {
                if (pipeline != null) b.pipeline(pipeline);
                if (run != null) b.run(run);
                if (status != null) b.status(status);
                b.limit(limit);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "Invalid option: " + e.getMessage());
            }
            return b.build();
        }
    }

    /** The summary row of a record, as {@code list} prints it. */
    static Map<String, Object> summary(QuarantinedRecord r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", r.id());
        row.put("pipeline", r.pipeline());
        row.put("run", r.runId());
        row.put("step", r.step());
        row.put("record", r.recordNumber());
        row.put("line", r.lineNumber());
        row.put("status", r.status().name());
        row.put("attempts", r.attempts());
        row.put("category", r.category().name());
        row.put("error", r.errorMessage());
        row.put("quarantinedAt", r.quarantinedAt());
        return row;
    }
}
