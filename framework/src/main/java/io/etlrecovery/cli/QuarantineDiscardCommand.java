package io.etlrecovery.cli;

import io.etlrecovery.cli.internal.Printable;
import io.etlrecovery.quarantine.DiscardResult;
import io.etlrecovery.quarantine.Quarantine;
import io.etlrecovery.store.Store;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code quarantine discard --reason TEXT (--id N... | --pipeline P [--run R])}: see {@link Quarantine#discard}. */
@Command(name = "discard",
        description = {"Marks quarantined records DISCARDED, with the reason given: they are never reprocessed but "
                + "stay in the store, and the discard is recorded in RECOVERY_ACTIONS.",
            "Name the records with --id (repeatable, or comma-separated), or take every QUARANTINED record of "
                    + "--pipeline (and --run)."})
final class QuarantineDiscardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--reason", required = true, paramLabel = "<text>",
            description = "Why the records are discarded (required; kept with them).")
    String reason;

    @Option(names = "--id", paramLabel = "<id>", split = ",", description = "A quarantine id (repeatable).")
    List<Long> ids = new ArrayList<>();

    @Option(names = "--pipeline", paramLabel = "<name>",
            description = "Every QUARANTINED record of this pipeline (instead of --id).")
    String pipeline;

    @Option(names = "--run", paramLabel = "<run-id>", description = "With --pipeline: only records of this run.")
    Long run;

    @Override
    public Integer call() {
        if (reason.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--reason must say why the records are discarded; it "
                    + "is kept with them.");
        }
        if (ids.isEmpty() == (pipeline == null)) {
            throw new ParameterException(spec.commandLine(), "Name the records to discard with either --id or "
                    + "--pipeline (not both).");
        }
        if (run != null && pipeline == null) {
            throw new ParameterException(spec.commandLine(), "--run needs --pipeline.");
        }
        if (reason.strip().length() > Quarantine.MAX_REASON_LENGTH) {
            throw new ParameterException(spec.commandLine(), "--reason is too long: at most "
                    + Quarantine.MAX_REASON_LENGTH + " characters.");
        }
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        try (Store store = root.openStore()) {
            Quarantine q = Quarantine.on(store);
            DiscardResult r = ids.isEmpty()
                    ? q.discardAll(pipeline, run == null ? OptionalLong.empty() : OptionalLong.of(run), reason)
                    : q.discard(ids, reason);
            PrintWriter out = root.out();
            out.println("Discarded " + r.discarded() + " record" + (r.discarded() == 1 ? "" : "s")
                    + (ids.isEmpty() ? " of '" + Printable.line(pipeline) + "'" + (run == null ? "" : " (run " + run + ")")
                    : "") + ".");
            if (!r.notQuarantined().isEmpty()) {
                out.println("Left alone, no longer quarantined: " + r.notQuarantined().stream().map(String::valueOf)
                        .reduce((a, b) -> a + ", " + b).orElse("") + ".");
            }
        }
        return ExitCode.OK.code();
    }
}
