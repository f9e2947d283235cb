package io.etlrecovery.cli.internal;

import io.etlrecovery.internal.Fmt;
import io.etlrecovery.report.BudgetReport;
import io.etlrecovery.report.BurnAlert;
import io.etlrecovery.report.SloBudget;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.runner.RunStatus;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary printed when a command-line run ends: its status and duration, records read, loaded, quarantined
 * (per category), filtered and retried, where a resumed run resumed from, the pipeline's error budget, why it
 * stopped, and the next command to type. Text from outside (stop reasons) is redacted and terminal-safe.
 */
public final class RunSummary {

    private RunSummary() {
    }

    /**
     * Prints the summary of {@code r}.
     *
     * @param budget        the pipeline's error budget after the run, or {@code null} when it could not be computed
     * @param budgetProblem why the budget is missing, or {@code null}
     * @param command       how the user invokes the command line, global options included (e.g.
     *                      {@code etl-recovery --db jdbc:h2:file:/data/store}), for the next commands shown
     */
    public static void print(PrintWriter out, RunResult r, BudgetReport budget, String budgetProblem, String command) {
        String pipeline = TerminalText.safe(r.pipeline());
        out.println();
        out.println("Run " + r.runId() + " of '" + pipeline + "' " + headline(r.status()) + " after "
                + Fmt.duration(r.duration()) + ".");
        if (r.resumed()) {
            out.println(row("Resumed from", "record " + Fmt.count(r.resumedFromRecord())
                    + " (counts below are the run's totals)"));
        }
        out.println(row("Records read", Fmt.count(r.recordsRead())));
        out.println(row("Loaded", Fmt.count(r.recordsLoaded())));
        out.println(row("Quarantined", Fmt.count(r.recordsQuarantined()) + categories(r.quarantinedByCategory())));
        if (r.recordsFiltered() > 0) out.println(row("Filtered", Fmt.count(r.recordsFiltered())));
        out.println(row("Retried", Fmt.count(r.retries()) + (r.retries() == 1 ? " attempt" : " attempts")));
        if (r.recordsRead() > 0 && r.duration().toMillis() > 0 && !r.resumed()) {
            out.println(row("Throughput", Fmt.count(Math.round(r.recordsRead() * 1000.0 / r.duration().toMillis()))
                    + " records/s"));
        }
        out.println(row("Error budget", budget != null ? budget(budget)
                : "unavailable (" + TerminalText.safe(String.valueOf(budgetProblem)) + ")"));
        if (r.stopReason() != null && r.status() != RunStatus.SUCCEEDED) {
            out.println(row(r.status() == RunStatus.STOPPED ? "Stopped because" : "Failed because",
                    Printable.line(r.stopReason())));
        }
        out.println();
        switch (r.status()) {
            case STOPPED -> out.println("The run stopped with its checkpoint intact. Fix the cause if needed, then run "
                    + "the same command again to resume it (or: " + command + " runs resume " + r.runId() + ").");
            case FAILED -> out.println("Fix the cause, then run the same command again to resume the run, or give it "
                    + "up: " + command + " runs abandon " + r.runId() + " --reason \"...\"");
            default -> { }
        }
        if (r.recordsQuarantined() > 0) {
            out.println("To see the quarantined records: " + command + " quarantine list --pipeline "
                    + shellWord(r.pipeline()) + " --run " + r.runId());
        }
        out.flush();
    }

    private static String headline(RunStatus s) {
        return switch (s) {
            case SUCCEEDED -> "SUCCEEDED";
            case STOPPED -> "STOPPED (resumable)";
            case FAILED -> "FAILED";
            default -> s.name();
        };
    }

    private static String row(String label, String value) {
        return "  " + String.format("%-16s", label + ":") + " " + value;
    }

    private static String categories(Map<String, Long> byCategory) {
        if (byCategory.isEmpty()) return "";
        StringBuilder sb = new StringBuilder(" (");
        boolean first = true;
        for (Map.Entry<String, Long> e : new TreeMap<>(byCategory).entrySet()) {
            if (!first) sb.append(", ");
            sb.append(TerminalText.safe(e.getKey())).append(' ').append(Fmt.count(e.getValue()));
            first = false;
        }
        return sb.append(')').toString();
    }

    private static String budget(BudgetReport b) {
        StringBuilder sb = new StringBuilder();
        sb.append(b.status()).append(" over ").append(Fmt.duration(b.policy().window())).append(": records ")
                .append(used(b.records())).append(", runs ").append(used(b.runs()));
        java.util.Set<String> alerts = new java.util.LinkedHashSet<>(); // two windows of one severity: one mention
        for (BurnAlert a : b.alerts()) alerts.add(a.severity() + " alert on " + a.sli());
        for (String a : alerts) sb.append("; ").append(a);
        return sb.toString();
    }

    private static String used(SloBudget b) {
        return Fmt.percent(Math.max(0, b.consumed())) + " used ("
                + (b.remaining() < 0 ? "overspent" : Fmt.percent(b.remaining()) + " left") + ")";
    }

    /** {@code word} quoted for a POSIX shell when it holds anything but safe characters. */
    public static String shellWord(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_.,:/=@%+-]+")) return TerminalText.safe(word);
        return "'" + TerminalText.safe(word.replace("'", "'\\''")) + "'";
    }
}
