package io.etlrecovery.cli;

import io.etlrecovery.cli.internal.Printable;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.Pipelines;
import io.etlrecovery.quarantine.Quarantine;
import io.etlrecovery.quarantine.ReprocessRequest;
import io.etlrecovery.quarantine.ReprocessResult;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunStatus;
import io.etlrecovery.runner.Runs;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.Store;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code quarantine reprocess --pipeline P [--run R] [--from FILE]}: see {@link Quarantine#reprocess}. The pipeline is
 * found among the {@link Pipelines#discover() discovered} providers. Exits 0 when the reprocessing ran (whatever
 * number of records failed again), printing how many were loaded and how many stay quarantined; 3 when its run
 * stopped (the records it did not load stay quarantined: run it again), 1 when it failed.
 */
@Command(name = "reprocess",
        description = {"Feeds quarantined records through their pipeline again: all QUARANTINED records of the "
                + "pipeline (or of --run) as stored, or, with --from, exactly those listed in a corrected export "
                + "with its values (matched by quarantine_id).",
            "Records that pass are loaded and marked REPROCESSED; those that fail again stay QUARANTINED with one "
                    + "more attempt and the new error. Exits 0 when it ran."})
final class QuarantineReprocessCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--pipeline", required = true, paramLabel = "<name>", description = "The pipeline.")
    String pipeline;

    @Option(names = "--run", paramLabel = "<run-id>", description = "Only records quarantined by this run.")
    Long run;

    @Option(names = "--from", paramLabel = "<file>",
            description = "A corrected export (from 'quarantine export'): reprocess exactly its rows, with its values.")
    Path from;

    @Option(names = "--input", paramLabel = "<path>",
            description = "The input to build the pipeline with, if it needs one (its records are not read: they "
                    + "come from the quarantine; a CSV source may take its header from it). Default: the input "
                    + "file recorded by --run, else by the pipeline's newest run whose input file still exists.")
    Path input;

    @Option(names = "--param", paramLabel = "<key=value>", description = "A pipeline parameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--batch-size", paramLabel = "<n>", description = "Records per batch (default: the runner's, 1000).")
    Integer batchSize;

    /** The pipelines to look the name up in; discovered on the class path unless set (tests). */
    Pipelines pipelines;

    @Override
    public Integer call() {
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        ReprocessRequest.Builder rb = ReprocessRequest.builder();
        try {
            if (run != null) rb.run(run);
            if (from != null) rb.fromExport(from);
            if (batchSize != null) rb.batchSize(batchSize);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid option: " + e.getMessage());
        }
        try (Store store = root.openStore()) {
            Path in = input != null ? input : recordedInput(store).orElse(null);
            Pipeline p = RunCommand.create(spec, pipelines, pipeline, in, params);
            ReprocessResult r = Quarantine.on(store).reprocess(PipelineRunner.on(store), p, rb.build());
            return print(root.out(), r);
        }
    }

    /**
     * Without {@code --input}: the input file recorded by {@code --run}, else by the newest run of the pipeline
     * whose input file still exists (a CSV source may read its header from it).
     */
    private Optional<Path> recordedInput(Store store) {
        List<RunRow> runs = run != null ? Runs.on(store).find(run).stream().toList()
                : Runs.on(store).list(pipeline, null, null, 50);
        for (RunRow r : runs) {
            if (r.inputRef() == null || !r.pipeline().equals(pipeline)) continue;
            try {
                Path p = Path.of(r.inputRef());
                if (Files.isRegularFile(p)) return Optional.of(p);
            } catch (InvalidPathException e) {
                // not a file (a table, a reprocessing run's description)
            }
        }
        return Optional.empty();
    }

    private int print(PrintWriter out, ReprocessResult r) {
        String name = "'" + Printable.line(r.pipeline()) + "'";
        if (!r.skipped().isEmpty()) {
            out.println("Skipped " + r.skipped().size() + " row" + (r.skipped().size() == 1 ? "" : "s") + " of "
                    + Printable.line(String.valueOf(from)) + ":");
            int n = 0;
            for (ReprocessResult.Skipped s : r.skipped()) {
                if (n++ == 20) {
                    out.println("  ... and " + (r.skipped().size() - 20) + " more");
                    break;
                }
                out.println("  quarantine id " + s.quarantineId() + ": " + Printable.line(s.reason()));
            }
        }
        if (r.runId().isEmpty()) {
            out.println("Nothing to reprocess: no QUARANTINED record of " + name
                    + (from != null ? " is listed in " + Printable.line(from.toString())
                    : run != null ? " in run " + run : "") + ".");
            return ExitCode.OK.code();
        }
        RunStatus status = r.status().orElseThrow();
        out.println("Reprocessed " + r.records() + " record" + (r.records() == 1 ? "" : "s") + " of " + name + " in run "
                + r.runId().getAsLong() + ": " + r.loaded() + " loaded, " + r.stillQuarantined() + " still quarantined.");
        if (status == RunStatus.SUCCEEDED) {
            if (r.failedAgain() > 0) {
                out.println("'quarantine list --pipeline " + Printable.line(r.pipeline())
                        + " --status quarantined' shows why they failed again.");
            }
            return ExitCode.OK.code();
        }
        out.println("The reprocessing run " + (status == RunStatus.STOPPED ? "stopped" : "failed") + ": "
                + Printable.line(r.stopReason()));
        out.println("The records it did not load stay quarantined; reprocess again once the cause is fixed.");
        return status == RunStatus.STOPPED ? ExitCode.STOPPED_RESUMABLE.code() : ExitCode.FAILED.code();
    }
}
