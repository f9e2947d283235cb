package io.etlrecovery.cli;

import io.etlrecovery.cli.internal.Printable;
import io.etlrecovery.quarantine.ExportResult;
import io.etlrecovery.quarantine.Quarantine;
import io.etlrecovery.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quarantine export --pipeline P [--run R] --out FILE}: see {@link Quarantine#export}. */
@Command(name = "export",
        description = {"Writes the QUARANTINED records of a pipeline (or of one run) to a CSV file to correct in a "
                + "spreadsheet: quarantine_id, the original fields under their column names (fields beyond the "
                + "header in _extra_1, _extra_2, ...; _raw for records that could not be parsed), error_category, "
                + "error_message.",
            "Cells starting with = + - @ get a leading apostrophe so that spreadsheets do not run them as formulas; "
                    + "reprocessing removes it. The file is written to a temporary file and renamed, never left "
                    + "half-written.",
            "Then: 'quarantine reprocess --pipeline P --from FILE'."})
final class QuarantineExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--pipeline", required = true, paramLabel = "<name>", description = "The pipeline.")
    String pipeline;

    @Option(names = "--run", paramLabel = "<run-id>", description = "Only records quarantined by this run.")
    Long run;

    @Option(names = "--out", required = true, paramLabel = "<file>", description = "The CSV file to write (replaced).")
    Path out;

    @Override
    public Integer call() {
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        try (Store store = root.openStore()) {
            ExportResult r = Quarantine.on(store).export(pipeline, run == null ? OptionalLong.empty()
                    : OptionalLong.of(run), out);
            PrintWriter o = root.out();
            o.println("Exported " + r.records() + " quarantined record" + (r.records() == 1 ? "" : "s") + " of '"
                    + Printable.line(pipeline) + "'" + (run == null ? "" : " (run " + run + ")") + " to "
                    + Printable.line(r.file().toString()) + ".");
            if (r.records() > 0) {
                o.println("Correct values in it, then run: quarantine reprocess --pipeline " + Printable.line(pipeline)
                        + " --from " + Printable.line(r.file().toString()));
            }
        }
        return ExitCode.OK.code();
    }
}
