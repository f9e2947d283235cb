package io.etlrecovery.cli;

import io.etlrecovery.cli.internal.RecoveryRecap;
import io.etlrecovery.cli.internal.RunConsole;
import io.etlrecovery.cli.internal.RunProgress;
import io.etlrecovery.cli.internal.RunSummary;
import io.etlrecovery.cli.internal.TerminalText;
import io.etlrecovery.internal.Fmt;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.Pipelines;
import io.etlrecovery.recovery.CircuitBreakerConfig;
import io.etlrecovery.runner.RunMode;
import io.etlrecovery.runner.RunOptions;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.runner.RunStatus;
import io.etlrecovery.runner.Runs;
import io.etlrecovery.store.BreakerRow;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.Store;
import io.etlrecovery.workload.DefectKind;
import io.etlrecovery.workload.ExpectedCounts;
import io.etlrecovery.workload.OrdersGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * {@code demo}: the framework's tour in one command, in four steps. It generates {@value #INPUT} (default 50,000
 * orders, 2% bad, seed 42) in {@code --dir}; loads it with the sample pipeline {@value #PIPELINE} against a flaky
 * FX-rate service (2% transient failures, an outage over the order ids from 40% to 48% of the file, falling back
 * to the last known rate while the breaker is open; the breaker re-tries after {@link #BREAKER_OPEN}), showing
 * progress, the run's summary and what the recovery did; shows the quarantine, the error budget and the failure
 * patterns through the {@code quarantine list}, {@code budget} and {@code patterns} commands; and prints the
 * commands to try next. Exit 0 when it ran to its end.
 *
 * <p><b>Again and again.</b> Every generated file numbers its orders from 1, so before loading, the demo rolls back
 * what earlier runs of {@value #PIPELINE} left in the store (finished runs as {@code runs rollback} does, an
 * unfinished one as {@code run --restart} does) and says so; a second {@code demo} in the same store therefore
 * works like the first. A run of {@value #PIPELINE} active in another process makes it refuse (exit 4).
 *
 * <p>{@value #PIPELINE} is found with {@link Pipelines#discover()}: without the sample pipelines on the class path
 * (the runnable {@code etl-recovery.jar} has them) the demo exits 2 and says so.
 */
@Command(name = "demo",
        description = {"A tour of etl-recovery in about half a minute: generates a sample orders file with bad rows "
                + "(" + DemoCommand.INPUT + "), loads it with the " + DemoCommand.PIPELINE + " pipeline against a "
                + "flaky FX-rate service (random failures and an outage: retries, a circuit breaker and a fallback "
                + "keep the run going), then shows the quarantined records, the error budget and the failure "
                + "patterns, and the commands to try next.",
            "It writes into the store named by --db (default ./etl-recovery-data/store). Run again, it first rolls "
                + "back what earlier " + DemoCommand.PIPELINE + " runs loaded, since every generated file numbers "
                + "its orders from 1.",
            "Needs the sample pipelines on the class path: run it from etl-recovery.jar."})
final class DemoCommand implements Callable<Integer> {

    /** How the user invokes the command line, for commands that do not use the store. */
    private static final String PLAIN = "etl-recovery";
    /** The sample pipeline the demo runs. */
    static final String PIPELINE = "orders-import";
    /** The input file the demo writes in {@code --dir}. */
    static final String INPUT = "demo-orders.csv";
    /** How long the breaker stays open before a trial call, shortened from the default 30 s for the demo. */
    static final Duration BREAKER_OPEN = Duration.ofMillis(500);
    /** The share of FX calls failing at random. */
    static final double FX_FAILURE_RATE = 0.02;
    /** Milliseconds before the first retry of a failed FX call (doubling). */
    static final int FX_RETRY_DELAY_MS = 5;

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", paramLabel = "<n>", defaultValue = "50000",
            description = "Orders in the sample file, 1000 to 10000000 (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--bad-rate", paramLabel = "<fraction>", defaultValue = "0.02",
            description = "Share of bad orders, 0 to 0.05 (default: ${DEFAULT-VALUE}).")
    double badRate;

    @Option(names = "--seed", paramLabel = "<n>", defaultValue = "42",
            description = "Seed of the sample file and of the FX service's failures (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dir", paramLabel = "<dir>", defaultValue = ".",
            description = "Where to write " + INPUT + " (default: the working directory).")
    Path dir;

    @Option(names = "--progress", paramLabel = "<mode>", defaultValue = "auto",
            description = "How progress is shown: auto (a bar on a terminal, lines otherwise), bar, lines or off "
                    + "(default: ${DEFAULT-VALUE}). Progress goes to standard error.")
    String progress;

    // set by tests through Main's customizer
    Pipelines pipelines;

    private EtlRecoveryCommand root;
    private PrintWriter out;
    private String prefix;

    @Override
    public Integer call() throws IOException {
        validate();
        root = EtlRecoveryCommand.of(spec);
        out = root.out();
        prefix = RunCommand.commandPrefix(root);
        Pipelines known = pipelines != null ? pipelines : Pipelines.discover();
        if (known.find(PIPELINE).isEmpty()) {
            root.err().println("error: the demo needs the sample pipelines, and '" + PIPELINE + "' is not on the class "
                    + "path" + (known.names().isEmpty() ? "" : " (found: " + String.join(", ", known.names()) + ")")
                    + ". Run it from the runnable jar: java -jar sample-pipelines/target/etl-recovery.jar demo "
                    + "(build it with: mvn -B -q package -DskipTests).");
            return ExitCode.USAGE.code();
        }
        Path input = inputPath();

        out.println("etl-recovery demo: a batch pipeline that survives bad rows and a flaky dependency.");
        out.println();

        // 1. the input
        header(1, "generate a sample input with bad rows");
        int code = showAs("The generator writes the same file for the same arguments, with "
                        + Fmt.percent(badRate) + " bad rows and the counts per defect in " + INPUT + ".expected:",
                PLAIN, "generate", "--rows", String.valueOf(rows), "--bad-rate", String.valueOf(badRate),
                "--seed", String.valueOf(seed), "--out", input.toString());
        if (code != 0) return code;
        ExpectedCounts expected = ExpectedCounts.read(OrdersGenerator.expectedFileOf(input));
        if (expected.bad() > 0) {
            out.println("Each bad row has one defect: " + defects(expected) + ". The pipeline must set these "
                    + Fmt.count(expected.bad()) + " rows aside and load the " + Fmt.count(expected.good()) + " others.");
        } else {
            out.println("No bad rows (--bad-rate 0): the pipeline must load all " + Fmt.count(expected.good()) + ".");
        }
        out.println();

        // 2. the run
        header(2, "load it with the " + PIPELINE + " pipeline, against a flaky FX-rate service");
        long outageFrom = rows * 2 / 5;
        long outageTo = outageFrom + rows * 2 / 25;
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fx.failure-rate", String.valueOf(FX_FAILURE_RATE));
        params.put("fx.outage", "orders " + outageFrom + "-" + outageTo);
        params.put("fx.on-open", "fallback");
        params.put("fx.retry-delay-ms", String.valueOf(FX_RETRY_DELAY_MS));
        params.put("seed", String.valueOf(seed));
        out.println(PIPELINE + " reads the CSV, validates each row (a bad row goes to the quarantine, the run goes "
                + "on), converts the amount to EUR through an FX-rate service and writes the good rows to "
                + "ORDERS_CLEAN, committing them with a checkpoint every 1,000 records.");
        out.println("The FX service fails " + Fmt.percent(FX_FAILURE_RATE) + " of its calls at random (each retried "
                + "after " + FX_RETRY_DELAY_MS + " ms, doubling, 4 attempts) and is down for orders "
                + Fmt.count(outageFrom) + " to " + Fmt.count(outageTo) + ". Its circuit breaker opens after 3 "
                + "failures in a row and lets a trial call through after " + Fmt.duration(BREAKER_OPEN)
                + " (30 s by default); while it is open, amounts are converted with the last known rate.");
        out.println("The same run by hand (except the breaker's shorter open time):");
        out.println("  " + runCommand(input, params));
        out.println();

        RunResult result;
        Instant startedAt;
        RecoveryRecap recap = new RecoveryRecap();
        try (Store store = root.openStore()) {
            Pipeline pipeline = RunCommand.create(spec, known, PIPELINE, input, params, store);
            RunMode mode = clearEarlierRuns(store, pipeline);
            releaseFxBreaker(store);
            RunConsole console = RunConsole.builder(store)
                    .out(out)
                    .progressTo(root.err())
                    .progress(progressMode())
                    .progressEvery(Duration.ofSeconds(2))
                    .runner(b -> b.breakerConfig(CircuitBreakerConfig.builder().openDuration(BREAKER_OPEN).build())
                            .alertListener(recap.alerts()))
                    .command(prefix)
                    .build();
            result = console.run(pipeline, RunOptions.defaults().withMode(mode));
            if (result.status() != RunStatus.SUCCEEDED) {
                out.println();
                out.println("The demo stops here: the run did not succeed (see above).");
                return result.exitCode();
            }
            startedAt = Runs.on(store).find(result.runId()).map(RunRow::startedAt).orElse(null);
            out.println();
            out.println("What the recovery did in run " + result.runId() + ":");
            recap.print(out, RecoveryRecap.read(store, result.runId()), result.retries(), startedAt, "  ");
            out.println("  " + String.format("%-16s", "Quarantine:") + " " + quarantineVerdict(result, expected));
        }
        out.println();

        // 3. the reports
        header(3, "look at what went wrong: the quarantine, the error budget, the failure patterns");
        code = show("The first quarantined records (each keeps its raw line; 'quarantine show <id>' shows one):",
                "quarantine", "list", "--pipeline", PIPELINE, "--run", String.valueOf(result.runId()), "--limit", "10");
        if (code == 0) {
            code = show("The error budget (by default 99.5% of records and 95% of runs must succeed over 30 days; "
                    + Fmt.percent(badRate) + " bad rows " + (badRate > 0.005 ? "overspend" : "fit in") + " it):",
                    "budget", "--pipeline", PIPELINE);
        }
        if (code == 0) {
            code = show("The failure patterns (errors that differ only in values are one pattern):",
                    "patterns", "--pipeline", PIPELINE);
        }
        if (code != 0) return code;

        // 4. next steps
        header(4, "try it yourself");
        nextSteps(input, result.runId());
        return ExitCode.OK.code();
    }

    private void validate() {
        if (rows < 1_000 || rows > 10_000_000) {
            throw new ParameterException(spec.commandLine(), "--rows must be 1000 to 10000000, was " + rows);
        }
        if (!(badRate >= 0 && badRate <= 0.05)) {
            throw new ParameterException(spec.commandLine(), "--bad-rate must be 0 to 0.05 (the run stops above 10% "
                    + "of bad records), was " + badRate);
        }
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "--dir must be an existing directory, was " + dir);
        }
        progressMode();
    }

    private Path inputPath() {
        Path normalized = dir.normalize();
        return normalized.toString().isEmpty() ? Path.of(INPUT) : normalized.resolve(INPUT);
    }

    private void header(int step, String title) {
        out.println("== Step " + step + " of 4: " + title + " ==");
        out.println();
    }

    /**
     * Runs one command of this command line in-process (its output goes where the demo's goes), with the demo's
     * global options, after showing it as the user would type it.
     */
    private int show(String intro, String... args) {
        return showAs(intro, prefix, args);
    }

    /** {@link #show(String, String...)}, shown with {@code shownPrefix} (without --db for commands without a store). */
    private int showAs(String intro, String shownPrefix, String... args) {
        out.println(intro);
        out.println("$ " + shownPrefix + " " + words(args));
        out.println();
        int code = execute(args);
        out.println();
        return code;
    }

    private int execute(String... args) {
        List<String> all = new ArrayList<>();
        // executing the root again re-parses the global options: pass the demo's own
        if (root.db != null) all.addAll(List.of("--db", root.db));
        all.addAll(List.of("--db-user", root.dbUser));
        if (root.dbPassword != null) all.addAll(List.of("--db-password", root.dbPassword));
        if (root.debug) all.add("--debug");
        all.addAll(List.of(args));
        int code = spec.root().commandLine().execute(all.toArray(String[]::new));
        out.flush();
        return code;
    }

    private RunMode clearEarlierRuns(Store store, Pipeline pipeline) {
        Runs runs = Runs.on(store);
        List<RunRow> earlier = runs.list(PIPELINE, null, null, 100_000);
        List<Long> rolledBack = new ArrayList<>();
        long removed = 0;
        RunRow unfinished = null;
        for (RunRow r : earlier) {
            RunStatus status = RunStatus.valueOf(r.status());
            if (status.isResumable()) {
                if (unfinished == null) unfinished = r;
            } else if (status != RunStatus.ROLLED_BACK && r.recordsLoaded() > 0) {
                removed += runs.rollback(pipeline, r.runId());
                rolledBack.add(0, r.runId());
            }
        }
        if (!rolledBack.isEmpty()) {
            out.println("This store holds orders loaded by earlier runs of " + PIPELINE + " (run"
                    + (rolledBack.size() == 1 ? " " : "s ") + join(rolledBack) + "). Every generated file numbers its "
                    + "orders from 1, so the demo rolled " + (rolledBack.size() == 1 ? "it" : "them") + " back first, "
                    + "as '" + prefix + " runs rollback <run-id>' does: " + Fmt.count(removed) + " rows removed. (A rolled-back "
                    + "run counts as a failed one in the runs budget below.)");
        }
        if (unfinished != null) {
            out.println("Run " + unfinished.runId() + " of " + PIPELINE + " is unfinished (" + unfinished.status()
                    + "): the demo rolls it back and abandons it, as 'run --restart' does.");
        }
        if (!rolledBack.isEmpty() || unfinished != null) out.println();
        return unfinished != null ? RunMode.RESTART : RunMode.AUTO;
    }

    /** The breaker of orders-import's FX calls (OrdersImport.BREAKER, in the sample pipelines). */
    static final String FX_BREAKER = "fx-rates";

    /**
     * Breakers are shared by every run on the store and remember their state: the FX breaker left open by an earlier
     * run (with the default 30 s) would make the run start on fallbacks before any rate is known. Its next trial call
     * is let through at once instead. Other breakers in the store are not the demo's to touch.
     */
    private void releaseFxBreaker(Store store) {
        Instant now = Instant.now();
        boolean released = store.inTransaction(s -> {
            Optional<BreakerRow> open = s.breakers().find(FX_BREAKER)
                    .filter(b -> !b.state().equals("CLOSED") && b.nextTrialAt() != null && b.nextTrialAt().isAfter(now));
            open.ifPresent(b -> s.breakers().update(new BreakerRow(b.breakerName(), "OPEN", b.consecutiveFailures(),
                    b.failureCount(), b.successCount(), 0, b.openedAt(), now, now)));
            return open.isPresent();
        });
        if (!released) return;
        out.println("Circuit breaker '" + FX_BREAKER + "' was left open by an earlier run: the demo lets the next trial "
                + "call through at once.");
        out.println();
    }

    private String quarantineVerdict(RunResult r, ExpectedCounts expected) {
        Map<String, Long> byCategory = r.quarantinedByCategory();
        long data = byCategory.getOrDefault("DATA", 0L);
        if (r.recordsQuarantined() == expected.bad() && data == expected.bad()) {
            return Fmt.count(r.recordsQuarantined()) + " records, exactly the " + Fmt.count(expected.bad())
                    + " bad rows of the input: nothing was quarantined because of the FX service.";
        }
        return Fmt.count(r.recordsQuarantined()) + " records (" + byCategory + "), while the input has "
                + Fmt.count(expected.bad()) + " bad rows.";
    }

    private void nextSteps(Path input, long runId) {
        String jar = jarPath().orElse(null);
        if (jar != null) {
            out.println("Below, etl-recovery stands for: java -jar " + RunSummary.shellWord(jar));
            out.println("  (to type it as shown: alias etl-recovery='java -jar " + jar.replace("'", "'\\''") + "')");
            out.println();
        }
        String in = RunSummary.shellWord(input.toString());
        String p = PIPELINE;
        out.println("Fix the bad rows and load them: export the quarantine, correct the fields the error column "
                + "names (or delete rows you give up on), reprocess:");
        out.println("  " + prefix + " quarantine export --pipeline " + p + " --run " + runId + " --out quarantine.csv");
        out.println("  " + prefix + " quarantine reprocess --pipeline " + p + " --from quarantine.csv");
        out.println();
        out.println("Run the same load again: it is refused (exit 4), this input was already loaded by run " + runId
                + ":");
        out.println("  " + prefix + " run " + p + " --input " + in);
        out.println("To load it again, first undo run " + runId + " (it removes the rows the run loaded and keeps its "
                + "quarantine), then run the command above again:");
        out.println("  " + prefix + " runs rollback " + runId);
        out.println();
        out.println("Kill a run and resume it: start a bigger load, stop it with Ctrl-C or kill -9, then run the same "
                + "command again: it resumes from its last checkpoint and loads no row twice. Every generated file "
                + "numbers its orders from 1, so undo run " + runId + " first if you have not yet:");
        out.println("  " + prefix + " runs rollback " + runId);
        out.println("  " + PLAIN + " generate --rows 2000000 --out big-orders.csv");
        out.println("  " + prefix + " run " + p + " --input big-orders.csv");
        out.println("  " + prefix + " run " + p + " --input big-orders.csv");
        out.println();
        out.println("See it all in one page, and list the commands:");
        out.println("  " + prefix + " report --out report.html");
        out.println("  " + PLAIN + " --help");
    }

    /** The runnable jar this class was loaded from, if it was. */
    private static Optional<String> jarPath() {
        try {
            var source = DemoCommand.class.getProtectionDomain().getCodeSource();
            if (source == null) return Optional.empty();
            Path p = Path.of(source.getLocation().toURI());
            return p.toString().endsWith(".jar") ? Optional.of(p.toAbsolutePath().toString()) : Optional.empty();
        } catch (Exception e) { // a location that is no file: no hint
            return Optional.empty();
        }
    }

    private String runCommand(Path input, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(prefix).append(" run ").append(PIPELINE).append(" --input ")
                .append(RunSummary.shellWord(input.toString()));
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getKey().equals("fx.on-open") || e.getKey().equals("seed")) continue; // the defaults
            sb.append(" --param ").append(RunSummary.shellWord(e.getKey() + "=" + e.getValue()));
        }
        return sb.toString();
    }

    private static String defects(ExpectedCounts expected) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> d : expected.defects().entrySet()) {
            String name = DefectKind.fromKey(d.getKey()).map(DemoCommand::describe).orElse(d.getKey());
            parts.add(name + " (" + Fmt.count(d.getValue()) + ")");
        }
        return parts.isEmpty() ? "none (no bad rows)" : String.join(", ", parts);
    }

    private static String describe(DefectKind kind) {
        return switch (kind) {
            case NON_NUMERIC_AMOUNT -> "an amount that is not a number";
            case NEGATIVE_AMOUNT -> "a negative amount";
            case INVALID_DATE -> "an invalid date";
            case MISSING_CUSTOMER_ID -> "no customer id";
            case ZERO_QUANTITY -> "a quantity of 0";
            case UNKNOWN_CURRENCY -> "an unknown currency";
            case MISSING_COLUMN -> "a missing column";
            case EXTRA_COLUMN -> "an extra column";
        };
    }

    private static String words(String... args) {
        List<String> w = new ArrayList<>();
        for (String a : args) w.add(RunSummary.shellWord(a));
        return String.join(" ", w);
    }

    private static String join(List<Long> ids) {
        List<String> s = new ArrayList<>();
        for (Long id : ids) s.add(String.valueOf(id));
        return String.join(", ", s);
    }

    private RunProgress.Mode progressMode() {
        return RunCommand.progressMode(spec, progress);
    }
}
