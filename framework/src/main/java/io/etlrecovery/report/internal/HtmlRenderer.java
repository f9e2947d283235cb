package io.etlrecovery.report.internal;

import io.etlrecovery.internal.Fmt;
import io.etlrecovery.health.HealthItem;
import io.etlrecovery.health.HealthReport;
import io.etlrecovery.health.HealthStatus;
import io.etlrecovery.report.BudgetReport;
import io.etlrecovery.report.BudgetStatus;
import io.etlrecovery.report.BurnAlert;
import io.etlrecovery.report.BurnRate;
import io.etlrecovery.report.BurnRateAlertPolicy;
import io.etlrecovery.report.FailureReport;
import io.etlrecovery.report.PatternEntry;
import io.etlrecovery.report.PatternReport;
import io.etlrecovery.report.PipelineFailures;
import io.etlrecovery.report.RunFailures;
import io.etlrecovery.report.SloBudget;
import io.etlrecovery.report.StopCause;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Renders the operations report: one self-contained XHTML page (inline CSS and SVG, no scripts, no links out). */
public final class HtmlRenderer {

    /** Runs listed per pipeline in the page. */
    static final int RUNS_SHOWN = 8;

    private static final String CSS = """
            :root { --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --info: #0969da; --ink: #1f2328; --muted: #57606a;
                    --line: #d8dee4; --bg: #f6f8fa; --card: #ffffff; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
                   color: var(--ink); background: var(--bg); }
            header { background: #24292f; color: #fff; padding: 18px 32px; }
            header h1 { margin: 0; font-size: 20px; font-weight: 600; }
            header .meta { color: #c9d1d9; font-size: 13px; margin-top: 4px; }
            main { padding: 20px 32px 40px; max-width: 1400px; }
            h2 { font-size: 17px; margin: 28px 0 10px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
            h3 { font-size: 15px; margin: 18px 0 8px; }
            .cards { display: flex; flex-wrap: wrap; gap: 12px; }
            .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px;
                    min-width: 220px; flex: 1 1 240px; max-width: 360px; }
            .card.bad { border-left: 5px solid var(--bad); }
            .card.warn { border-left: 5px solid var(--warn); }
            .card.ok { border-left: 5px solid var(--ok); }
            .card .name { font-weight: 600; font-size: 15px; margin-bottom: 6px; word-break: break-all; }
            .card .kv { display: flex; justify-content: space-between; gap: 8px; color: var(--muted); font-size: 13px; }
            .card .kv b { color: var(--ink); font-weight: 600; }
            .big { font-size: 26px; font-weight: 700; }
            .chip { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
                    color: #fff; white-space: nowrap; }
            .chip.OK, .chip.FALLING { background: var(--ok); }
            .chip.WARNING, .chip.TICKET { background: var(--warn); }
            .chip.EXHAUSTED, .chip.FAILED, .chip.PAGE, .chip.RISING { background: var(--bad); }
            .chip.NEW { background: var(--info); }
            .chip.STEADY, .chip.RUNNING { background: #6e7781; }
            .alerts { list-style: none; padding: 0; margin: 0; }
            .alerts li { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px;
                         margin-bottom: 6px; }
            .none { color: var(--muted); font-style: italic; }
            table { border-collapse: collapse; background: var(--card); border: 1px solid var(--line); width: 100%;
                    font-size: 13px; }
            th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
            th { background: #eef1f4; font-weight: 600; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            td.msg { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px;
                     word-break: break-word; max-width: 420px; }
            td.bad { color: var(--bad); font-weight: 600; }
            td.warn { color: var(--warn); font-weight: 600; }
            .pipeline { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px;
                        margin-bottom: 14px; }
            .pipeline h3 { margin-top: 2px; }
            .row { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
            .facts { color: var(--muted); margin: 4px 0 10px; }
            .caption { color: var(--muted); font-size: 12.5px; margin: 2px 0 4px; }
            td.time { white-space: nowrap; }
            td.wide { min-width: 170px; }
            .scroll { overflow-x: auto; }
            td.cls { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px;
                     overflow-wrap: anywhere; min-width: 175px; }
            td .sub { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 11px;
                      color: var(--muted); word-break: normal; }
            .facts b { color: var(--ink); }
            svg.chart { background: #fff; border: 1px solid var(--line); border-radius: 6px; max-width: 100%; height: auto; }
            svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
            svg .axis { font-size: 10px; fill: #6e7781; }
            svg .legend { font-size: 11px; fill: #1f2328; }
            svg .plabel { font-size: 12px; fill: #1f2328; font-weight: 600; }
            svg .psub { font-size: 10.5px; fill: #6e7781; font-family: ui-monospace, Menlo, Consolas, monospace; }
            svg .pcount { font-size: 11.5px; fill: #1f2328; }
            footer { color: var(--muted); font-size: 12px; padding: 0 32px 30px; max-width: 1400px; }
            """;

    private HtmlRenderer() {
    }

    public static String render(String title, Instant generatedAt, String store, String scope,
                                List<BudgetReport> budgets, FailureReport failures, PatternReport patterns,
                                HealthReport health) {
        Html h = new Html();
        h.raw("<!DOCTYPE html>\n");
        h.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", "en").raw("\n");
        h.open("head").empty("meta", "charset", "utf-8")
                .empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .el("title", title + " — " + Fmt.time(generatedAt))
                .open("style").raw(CSS).close("style").close("head").raw("\n");
        h.open("body");
        h.open("header").el("h1", title);
        h.el("div", "Generated " + Fmt.time(generatedAt) + " · " + scope + " · store " + store, "class", "meta");
        h.close("header");
        h.open("main");

        List<BurnAlert> alerts = new ArrayList<>();
        for (BudgetReport b : budgets) alerts.addAll(b.alerts());
        alerts.sort(java.util.Comparator.comparing(BurnAlert::severity).thenComparing(BurnAlert::pipeline)
                .thenComparing(BurnAlert::sli).thenComparing(BurnAlert::longWindow));
        summary(h, budgets, failures, patterns, health, alerts);

        h.el("h2", "Burn-rate alerts firing");
        if (alerts.isEmpty()) {
            h.el("p", "No burn-rate alert fires.", "class", "none");
        } else {
            h.open("ul", "class", "alerts");
            for (BurnAlert a : alerts) {
                h.open("li").el("span", a.severity().name(), "class", "chip " + a.severity().name()).text(" ")
                        .el("b", a.pipeline()).text(" — " + a.sli().name().toLowerCase(Locale.ROOT) + " budget burning ")
                        .el("b", Fmt.rate(a.longBurnRate())).text(" over " + Fmt.duration(a.longWindow()) + " and ")
                        .el("b", Fmt.rate(a.shortBurnRate())).text(" over " + Fmt.duration(a.shortWindow())
                                + " (" + a.severity().name().toLowerCase(Locale.ROOT) + " above "
                                + Fmt.rate(a.threshold()) + ")").close("li");
            }
            h.close("ul");
        }

        budgets(h, budgets);
        failures(h, failures);
        patterns(h, patterns);
        health(h, health);
        h.close("main");
        h.open("footer");
        h.el("p", "How to read this report. Burn rate = the share of failures in a window ÷ (1 − SLO): 1× spends "
                + "exactly the budget over the SLO window. Alerts follow the SRE workbook: a rule fires when the burn "
                + "rate is above its threshold over both its long and its short window (defaults: page above 14.4× over "
                + "1 h and 5 min, or above 6× over 6 h and 30 min; ticket above 1× over 3 days and 6 h). A budget is "
                + "WARNING above 75% consumed or with an alert, EXHAUSTED at 100%. Trends compare with the previous "
                + "window of the same length: NEW (none before), RISING (more than +20%), FALLING (more than −20%), "
                + "STEADY. MTTR runs from the first failure after a success to the next successful run. All times UTC.");
        h.close("footer");
        h.close("body").raw("\n").close("html").raw("\n");
        return h.toString();
    }

    private static void summary(Html h, List<BudgetReport> budgets, FailureReport failures, PatternReport patterns,
                                HealthReport health, List<BurnAlert> alerts) {
        h.el("h2", "Summary");
        BudgetStatus worst = BudgetStatus.OK;
        for (BudgetReport b : budgets) worst = worst.worst(b.status());
        long pages = alerts.stream().filter(a -> a.severity() == BurnRateAlertPolicy.Severity.PAGE).count();
        h.open("div", "class", "cards");
        h.open("div", "class", "card " + cls(worst));
        h.el("div", "Overall", "class", "name");
        h.open("div", "class", "big").el("span", worst.name(), "class", "chip " + worst.name()).close("div");
        kv(h, "Pipelines", String.valueOf(budgets.size()));
        kv(h, "Alerts firing", alerts.isEmpty() ? "none" : pages + " page, " + (alerts.size() - pages) + " ticket");
        kv(h, "Errors, last " + (patterns.to().toEpochDay() - patterns.from().toEpochDay() + 1) + " days",
                Fmt.count(patterns.totalOccurrences()) + " in " + Fmt.count(patterns.patternsInWindow()) + " patterns");
        if (health != null) kv(h, "System health", health.status().name());
        h.close("div");
        Map<String, PipelineFailures> byName = new TreeMap<>();
        if (failures != null) for (PipelineFailures f : failures.pipelines()) byName.put(f.pipeline(), f);
        for (BudgetReport b : budgets) {
            h.open("div", "class", "card " + cls(b.status()));
            h.open("div", "class", "name").text(b.pipeline() + " ").el("span", b.status().name(), "class",
                    "chip " + b.status().name()).close("div");
            kv(h, "Records budget left", Fmt.percent(b.records().remaining()));
            kv(h, "Runs budget left", Fmt.percent(b.runs().remaining()));
            kv(h, "Burn 1 h / 6 h", burn(b.records(), Duration.ofHours(1)) + " / " + burn(b.records(), Duration.ofHours(6)));
            PipelineFailures f = byName.get(b.pipeline());
            if (f != null) {
                kv(h, "Runs failed", f.failedRuns() + " of " + f.runs() + " (" + Fmt.percent(f.failureRate()) + ")");
                kv(h, "MTTR", f.mttr() == null ? "—" : Fmt.duration(round(f.mttr())));
            }
            PatternEntry top = patterns.patterns().stream().filter(p -> p.pipeline().equals(b.pipeline())).findFirst()
                    .orElse(null);
            if (top != null) kv(h, "Top pattern", Charts.shortName(top.exceptionClass()) + " ×" + Fmt.count(top.occurrences()));
            h.close("div");
        }
        h.close("div");
    }

    private static void budgets(Html h, List<BudgetReport> budgets) {
        h.el("h2", "Error budgets");
        if (budgets.isEmpty()) {
            h.el("p", "No pipeline has run yet.", "class", "none");
            return;
        }
        h.open("table");
        h.open("tr");
        for (String c : new String[] {"Pipeline", "Budget", "SLO", "Window", "Total", "Failed", "Allowed", "Consumed",
                "Remaining", "Burn 1 h", "Burn 6 h", "Burn 24 h", "Burn window", "Status"}) {
            h.el("th", c, "class", c.equals("Pipeline") || c.equals("Budget") || c.equals("Status") ? null : "num");
        }
        h.close("tr");
        for (BudgetReport b : budgets) {
            for (SloBudget s : List.of(b.records(), b.runs())) {
                h.open("tr");
                h.el("td", b.pipeline() + (b.defaultPolicy() ? "" : " *"));
                h.el("td", s.sli().name().toLowerCase(Locale.ROOT));
                h.el("td", Fmt.percent(s.slo()), "class", "num");
                h.el("td", Fmt.duration(b.policy().window()), "class", "num");
                h.el("td", Fmt.count(s.total()), "class", "num");
                h.el("td", Fmt.count(s.failed()), "class", "num");
                h.el("td", Fmt.number(s.allowed()), "class", "num");
                h.el("td", Fmt.percent(s.consumed()), "class", "num " + tone(s.status()));
                h.el("td", Fmt.percent(s.remaining()), "class", "num " + tone(s.status()));
                for (Duration w : List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24), b.policy().window())) {
                    h.el("td", burn(s, w), "class", "num");
                }
                h.open("td").el("span", s.status().name(), "class", "chip " + s.status().name()).close("td");
                h.close("tr");
            }
        }
        h.close("table");
        if (budgets.stream().anyMatch(b -> !b.defaultPolicy())) {
            h.el("p", "* the pipeline has its own policy; the others use the default (99.5% of records, 95% of runs, "
                    + "30 days).", "class", "facts");
        }
        h.el("h3", "Budget burn-down");
        h.open("div", "class", "row");
        for (BudgetReport b : budgets) {
            h.open("div");
            h.el("div", b.pipeline() + " — budget left over the last " + Fmt.duration(b.policy().window()), "class", "caption");
            Charts.burnDown(h, b);
            h.close("div");
        }
        h.close("div");
    }

    private static void failures(Html h, FailureReport report) {
        if (report == null) return;
        h.el("h2", "Failure analysis (" + report.from() + " – " + report.to() + ")");
        if (report.pipelines().isEmpty()) {
            h.el("p", "No runs in the period.", "class", "none");
            return;
        }
        for (PipelineFailures f : report.pipelines()) {
            h.open("div", "class", "pipeline");
            h.open("h3").text(f.pipeline() + " ").el("span", "failure rate " + f.trend().name().toLowerCase(Locale.ROOT),
                    "class", "chip " + f.trend().name()).close("h3");
            h.open("div", "class", "facts");
            fact(h, "Runs", f.runs() + " (" + f.failedRuns() + " failed, " + Fmt.percent(f.failureRate()) + ")");
            fact(h, "Records", Fmt.count(f.records()) + " (" + Fmt.count(f.failedRecords()) + " quarantined, "
                    + Fmt.percent(f.recordFailureRate()) + ")");
            fact(h, "Incidents", f.incidents() + (f.unresolvedIncidents() > 0 ? " (" + f.unresolvedIncidents() + " open)" : ""));
            fact(h, "MTTR", f.mttr() == null ? "—" : Fmt.duration(round(f.mttr())));
            fact(h, "Recovered by retry or fallback", f.recoverySuccessRate() == null ? "—"
                    : Fmt.percent(f.recoverySuccessRate()) + " (" + Fmt.count(f.recoveredFailures()) + " of "
                            + Fmt.count(f.retriedFailures()) + ")");
            fact(h, "Trend", "first half " + Fmt.percent(f.firstHalfFailureRate()) + " → second half "
                    + Fmt.percent(f.secondHalfFailureRate()));
            h.close("div");
            h.open("div", "class", "row");
            h.open("div").el("div", "Failed runs per day (share of the runs that ended)", "class", "caption");
            Charts.failuresPerDay(h, f.days(), true);
            h.close("div");
            h.open("div").el("div", "Quarantined records per day (share of the records read)", "class", "caption");
            Charts.failuresPerDay(h, f.days(), false);
            h.close("div");
            h.close("div");
            if (!f.stopCauses().isEmpty()) {
                h.el("h3", "Most common stop causes");
                h.open("table").open("tr").el("th", "Category").el("th", "Reason").el("th", "Latest example")
                        .el("th", "Runs", "class", "num").el("th", "Last").close("tr");
                for (StopCause c : f.stopCauses()) {
                    h.open("tr").el("td", c.category() == null ? "" : c.category()).el("td", c.reason(), "class", "msg")
                            .el("td", c.exampleReason(), "class", "msg").el("td", String.valueOf(c.runs()), "class", "num")
                            .el("td", Fmt.time(c.lastAt()), "class", "time").close("tr");
                }
                h.close("table");
            }
            if (!f.recentRuns().isEmpty()) {
                h.el("h3", "Latest runs");
                h.open("table").open("tr").el("th", "Run", "class", "num").el("th", "Status").el("th", "Started")
                        .el("th", "Ended").el("th", "Resumes", "class", "num").el("th", "Read", "class", "num")
                        .el("th", "Quarantined", "class", "num").el("th", "Retries", "class", "num").el("th", "Stop reason")
                        .close("tr");
                for (RunFailures r : f.recentRuns().subList(0, Math.min(RUNS_SHOWN, f.recentRuns().size()))) {
                    String chip = r.failed() ? "FAILED" : "RUNNING".equals(r.status()) ? "RUNNING" : "OK";
                    h.open("tr").el("td", String.valueOf(r.runId()), "class", "num")
                            .open("td").el("span", r.status(), "class", "chip " + chip).close("td")
                            .el("td", Fmt.time(r.startedAt()), "class", "time").el("td", Fmt.time(r.endedAt()), "class", "time")
                            .el("td", String.valueOf(r.resumeCount()), "class", "num")
                            .el("td", Fmt.count(r.recordsRead()), "class", "num")
                            .el("td", Fmt.count(r.recordsQuarantined()), "class", "num")
                            .el("td", Fmt.count(r.retries()), "class", "num")
                            .el("td", r.stopReason() == null ? "" : (r.stopCategory() == null ? "" : r.stopCategory() + ": ")
                                    + r.stopReason(), "class", "msg")
                            .close("tr");
                }
                h.close("table");
            }
            h.close("div");
        }
    }

    private static void patterns(Html h, PatternReport p) {
        h.el("h2", "Top error patterns (" + p.from() + " – " + p.to() + ", against " + p.previousFrom() + " – "
                + p.previousTo() + ")");
        if (p.patterns().isEmpty()) {
            h.el("p", "No errors recorded in the window.", "class", "none");
            return;
        }
        Charts.patterns(h, p.patterns());
        h.open("div", "class", "scroll").open("table").open("tr");
        for (String c : new String[] {"#", "Pipeline", "Failure", "Pattern", "Latest example", "Now", "Before", "Trend",
                "Runs", "Last seen (UTC)", "Recommendation"}) {
            h.el("th", c, "class", c.equals("#") || c.equals("Now") || c.equals("Before") || c.equals("Runs") ? "num"
                    : null);
        }
        h.close("tr");
        int i = 1;
        for (PatternEntry e : p.patterns()) {
            h.open("tr").el("td", String.valueOf(i++), "class", "num").el("td", e.pipeline())
                    .open("td", "class", "cls", "title", e.exceptionClass())
                    .text(Charts.shortName(e.exceptionClass())).empty("br")
                    .el("span", (e.category() == null ? "?" : e.category()) + " / "
                            + (e.errorType() == null ? "?" : e.errorType()), "class", "sub").close("td")
                    .el("td", e.normalizedMessage() == null ? "" : e.normalizedMessage(), "class", "msg wide")
                    .el("td", e.exampleMessage() == null ? "" : e.exampleMessage(), "class", "msg wide")
                    .el("td", Fmt.count(e.occurrences()), "class", "num")
                    .el("td", Fmt.count(e.previousOccurrences()), "class", "num")
                    .open("td").el("span", e.trend().name(), "class", "chip " + e.trend().name()).close("td")
                    .el("td", String.valueOf(e.runsAffected()), "class", "num")
                    .el("td", Fmt.minute(e.lastSeen()), "class", "time")
                    .el("td", e.recommendation() == null ? "" : e.recommendation())
                    .close("tr");
        }
        h.close("table").close("div");
    }

    private static void health(Html h, HealthReport health) {
        if (health == null) return;
        h.open("h2").text("System health ").el("span", health.status().name(), "class", "chip " + health.status().name())
                .close("h2");
        h.el("p", "Host " + health.snapshot().host() + " · schema version " + health.schemaVersion() + " · checked "
                + Fmt.time(health.checkedAt()), "class", "facts");
        h.open("table").open("tr").el("th", "Check").el("th", "Status").el("th", "Detail").close("tr");
        for (HealthItem i : health.items()) {
            h.open("tr").el("td", i.name()).open("td").el("span", i.status().name(), "class", "chip " + i.status().name())
                    .close("td").el("td", i.detail()).close("tr");
        }
        h.close("table");
    }

    private static void kv(Html h, String k, String v) {
        h.open("div", "class", "kv").el("span", k).el("b", v).close("div");
    }

    private static void fact(Html h, String k, String v) {
        h.text(k + ": ").el("b", v).text("   ");
    }

    private static String burn(SloBudget s, Duration w) {
        return s.burnRate(w).map(BurnRate::burnRate).map(Fmt::rate).orElse("—");
    }

    private static Duration round(Duration d) {
        return Duration.ofSeconds(d.getSeconds());
    }

    private static String cls(BudgetStatus s) {
        return switch (s) {
            case OK -> "ok";
            case WARNING -> "warn";
            case EXHAUSTED -> "bad";
        };
    }

    private static String tone(BudgetStatus s) {
        return switch (s) {
            case OK -> "";
            case WARNING -> "warn";
            case EXHAUSTED -> "bad";
        };
    }

    static String cls(HealthStatus s) {
        return switch (s) {
            case OK -> "ok";
            case WARNING -> "warn";
            case FAILED -> "bad";
        };
    }
}
