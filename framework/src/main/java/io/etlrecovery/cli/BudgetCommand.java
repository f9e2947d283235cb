package io.etlrecovery.cli;

import io.etlrecovery.cli.internal.Cells;
import io.etlrecovery.cli.internal.KnownPipelines;
import io.etlrecovery.cli.internal.Printable;
import io.etlrecovery.internal.Fmt;
import io.etlrecovery.report.BudgetReport;
import io.etlrecovery.report.BurnAlert;
import io.etlrecovery.report.BurnRate;
import io.etlrecovery.report.Reports;
import io.etlrecovery.report.SloBudget;
import io.etlrecovery.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code budget}: the error budgets of every pipeline (or one), two rows per pipeline (records, runs) with
 * consumption, remaining share, burn rates over 1 h, 6 h, 24 h and the window, status and the alerts that fire.
 * In {@code json} and {@code csv} shares are fractions (1.0 = 100%) and burn rates plain numbers.
 */
@Command(name = "budget",
        description = {"Shows the error budgets of every pipeline (or one): per pipeline a records budget (records "
                + "processed without quarantine) and a runs budget (runs succeeding) over the policy's rolling "
                + "window (default: 99.5%% of records and 95%% of runs over 30 days), how much of each is consumed "
                + "and remains, the burn rates over 1 h, 6 h, 24 h and the window, the status (OK, WARNING, "
                + "EXHAUSTED) and the burn-rate alerts that fire (PAGE, TICKET).",
            "Read-only for the recorded history; safe while pipelines run."})
final class BudgetCommand implements Callable<Integer> {

    static final List<String> COLUMNS = List.of("pipeline", "sli", "status", "slo", "windowDays", "total", "failed",
            "allowed", "consumed", "remaining", "burnRate1h", "burnRate6h", "burnRate24h", "burnRateWindow", "alerts",
            "defaultPolicy", "windowStart", "generatedAt");
    static final List<String> TABLE_COLUMNS = List.of("pipeline", "sli", "status", "slo", "window", "total", "failed",
            "allowed", "consumed", "remaining", "burn1h", "burn6h", "burn24h", "burnWindow", "alerts");

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption format;

    @Option(names = "--pipeline", paramLabel = "<name>", description = "Only this pipeline (default: every pipeline).")
    String pipeline;

    @Option(names = {"--window", "--days"}, paramLabel = "<days>",
            description = "The budget window for this report instead of each pipeline's policy window: whole days, "
                    + "e.g. 30d, 7 or 4w (1 to 366 days). The SLOs stay the policy's.")
    String window;

    /** Where "now" comes from; tests replace it. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        Integer windowDays = window == null ? null : parseWindow();
        Instant now = clock.instant(); // one "now" for the header and every budget's window
        try (Store store = root.openStore()) {
            Reports reports = Reports.on(store).clock(Clock.fixed(now, ZoneOffset.UTC));
            KnownPipelines.problem(reports, pipeline).ifPresent(m -> {
                throw new ParameterException(spec.commandLine(), m);
            });
            List<String> pipelines = pipeline != null ? List.of(pipeline) : reports.pipelines();
            List<BudgetReport> budgets = new ArrayList<>();
            Duration w = windowDays == null ? null : Duration.ofDays(windowDays);
            for (String p : pipelines) budgets.add(reports.budget(p, w));
            print(root.out(), budgets, now);
        }
        return ExitCode.OK.code();
    }

    private int parseWindow() {
        return DayCount.parse(spec, "--window", window, 366);
    }

    private void print(PrintWriter out, List<BudgetReport> budgets, Instant now) {
        boolean human = format.isTable();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BudgetReport b : budgets) {
            rows.add(row(b, b.records(), human));
            rows.add(row(b, b.runs(), human));
        }
        if (human) {
            out.println("Error budgets at " + Fmt.time(now) + (pipeline == null ? ", every pipeline" : "")
                    + " (each window ends now)");
            out.println();
        }
        format.print(out, human ? TABLE_COLUMNS : COLUMNS, rows);
        if (!human) return;
        if (budgets.isEmpty()) {
            out.println("No pipeline has run yet.");
            return;
        }
        List<BurnAlert> alerts = budgets.stream().flatMap(b -> b.alerts().stream()).toList();
        out.println();
        if (alerts.isEmpty()) {
            out.println("No burn-rate alert fires.");
        } else {
            out.println("Alerts:");
            for (BurnAlert a : alerts) out.println("  " + a.severity() + "  " + Printable.line(a.message()));
        }
        long defaults = budgets.stream().filter(BudgetReport::defaultPolicy).count();
        if (defaults > 0 && window == null) {
            out.println("Policy: " + (defaults == budgets.size() ? "every pipeline uses" : defaults + " of "
                    + budgets.size() + " pipelines use") + " the default (99.5% of records, 95% of runs, 30 days).");
        }
    }

    private static Map<String, Object> row(BudgetReport b, SloBudget budget, boolean human) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("pipeline", b.pipeline());
        row.put("sli", budget.sli().name().toLowerCase(java.util.Locale.ROOT));
        row.put("status", budget.status().name());
        row.put("slo", human ? Fmt.percent(budget.slo()) : budget.slo());
        row.put("windowDays", b.policy().windowDays());
        row.put("window", b.policy().windowDays() + "d");
        row.put("total", budget.total());
        row.put("failed", budget.failed());
        row.put("allowed", Cells.amount(budget.allowed(), human));
        row.put("consumed", Cells.share(budget.consumed(), human));
        row.put("remaining", Cells.share(budget.remaining(), human));
        Duration w = b.policy().window();
        putBurn(row, human ? "burn1h" : "burnRate1h", budget, Duration.ofHours(1), human);
        putBurn(row, human ? "burn6h" : "burnRate6h", budget, Duration.ofHours(6), human);
        putBurn(row, human ? "burn24h" : "burnRate24h", budget, Duration.ofHours(24), human);
        putBurn(row, human ? "burnWindow" : "burnRateWindow", budget, w, human);
        List<String> alerts = new ArrayList<>();
        for (BurnAlert a : b.alerts()) {
            if (a.sli() != budget.sli()) continue;
            alerts.add(a.severity() + " " + Cells.burn(a.longBurnRate(), true) + "/" + Fmt.duration(a.longWindow())
                    + " " + Cells.burn(a.shortBurnRate(), true) + "/" + Fmt.duration(a.shortWindow()));
        }
        row.put("alerts", String.join("; ", alerts));
        row.put("defaultPolicy", b.defaultPolicy());
        row.put("windowStart", b.windowStart().toString());
        row.put("generatedAt", b.generatedAt().toString());
        return row;
    }

    private static void putBurn(Map<String, Object> row, String column, SloBudget budget, Duration window,
                                boolean human) {
        BurnRate r = budget.burnRate(window).orElse(null);
        row.put(column, r == null ? null : Cells.burn(r.burnRate(), human));
    }
}
