package io.etlrecovery.cli;

import io.etlrecovery.report.FailureQuery;
import io.etlrecovery.io.AtomicFiles;
import io.etlrecovery.cli.internal.KnownPipelines;
import io.etlrecovery.cli.internal.Printable;
import io.etlrecovery.health.PreRunChecks;
import io.etlrecovery.internal.Fmt;
import io.etlrecovery.report.HtmlReport;
import io.etlrecovery.report.Reports;
import io.etlrecovery.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code report --out FILE}: writes the operations report (see {@link HtmlReport}) as one self-contained HTML file,
 * to a temporary file next to it that is then renamed over it, so it is never seen half-written.
 */
@Command(name = "report",
        description = {"Writes the operations report as one self-contained HTML file: status per pipeline and the "
                + "alerts that fire, error budgets with burn-down charts, failure rates per day, the top error "
                + "patterns and system health. Charts are inline SVG; no scripts, nothing loaded from the network, "
                + "so it opens anywhere, offline.",
            "The file is written to a temporary file and renamed, never left half-written. Exit code 1 when it "
                    + "cannot be written."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "<file>", required = true,
            description = "The HTML file to write, e.g. report.html (replaced if it exists; its directory is created).")
    String out;

    @Option(names = "--pipeline", paramLabel = "<name>", description = "Only this pipeline (default: every pipeline).")
    String pipeline;

    @Option(names = {"--days", "--window"}, paramLabel = "<days>", defaultValue = "30",
            description = "The failure analysis period in UTC days, today included: e.g. 30 or 30d (default: "
                    + "${DEFAULT-VALUE}; 1 to " + FailureQuery.MAX_DAYS + "). Budgets use each pipeline's policy window.")
    String days;

    @Option(names = "--pattern-days", paramLabel = "<days>", defaultValue = "7",
            description = "The patterns' window in days (default: ${DEFAULT-VALUE}).")
    String patternDays;

    @Option(names = "--top", paramLabel = "<n>", defaultValue = "10",
            description = "How many error patterns to show (default: ${DEFAULT-VALUE}; 1 to 100).")
    int top;

    @Option(names = "--no-health", description = "Leave out the system health section (it measures this machine).")
    boolean noHealth;

    @Option(names = "--title", paramLabel = "<text>", defaultValue = "etl-recovery report",
            description = "The page title (default: ${DEFAULT-VALUE}).")
    String title;

    /** Where "now" comes from; tests replace it. */
    Clock clock = Clock.systemUTC();

    /** The minimums and the probe of the health section; tests replace it. */
    PreRunChecks limits = PreRunChecks.defaults();

    @Override
    public Integer call() {
        HtmlReport.Options options = options();
        Path target = target();
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        String html;
        int pipelines;
        try (Store store = root.openStore()) {
            Reports reports = Reports.on(store).clock(clock).healthLimits(limits);
            KnownPipelines.problem(reports, pipeline).ifPresent(m -> {
                throw new ParameterException(spec.commandLine(), m);
            });
            pipelines = pipeline != null ? 1 : reports.pipelines().size();
            html = HtmlReport.render(reports, options);
        }
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        try {
            Path dir = target.getParent();
            if (dir != null) Files.createDirectories(dir);
            AtomicFiles.writeBytes(target, o -> o.write(bytes));
        } catch (IOException | RuntimeException e) {
            root.err().println("error: cannot write the report to " + Printable.line(target.toString()) + ": "
                    + Printable.line(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()))
                    + ". Check that the directory is writable and has space, or choose another --out.");
            return ExitCode.FAILED.code();
        }
        root.out().println("Wrote " + Printable.line(target.toString()) + " (" + Fmt.bytes(bytes.length) + "): "
                + pipelines + (pipelines == 1 ? " pipeline" : " pipelines") + ", generated "
                + Fmt.time(clock.instant()) + ".");
        return ExitCode.OK.code();
    }

    private HtmlReport.Options options() {
        try {
            return HtmlReport.Options.builder()
                    .pipeline(pipeline)
                    .failureDays(days("--days", days))
                    .patternDays(days("--pattern-days", patternDays))
                    .patternTop(top)
                    .includeHealth(!noHealth)
                    .title(title)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid option: " + e.getMessage());
        }
    }

    private int days(String option, String value) {
        return DayCount.parse(spec, option, value, FailureQuery.MAX_DAYS);
    }

    private Path target() {
        Path p;
        try {
            p = Path.of(out).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for --out: " + e.getMessage());
        }
        if (Files.isDirectory(p)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for --out: " + p + " is a directory; "
                    + "name a file, e.g. " + p.resolve("report.html"));
        }
        return p;
    }
}
