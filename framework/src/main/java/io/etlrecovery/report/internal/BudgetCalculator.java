package io.etlrecovery.report.internal;

import io.etlrecovery.internal.Fmt;
import io.etlrecovery.report.BudgetPoint;
import io.etlrecovery.report.BudgetPolicy;
import io.etlrecovery.report.BudgetReport;
import io.etlrecovery.report.BudgetStatus;
import io.etlrecovery.report.BurnAlert;
import io.etlrecovery.report.BurnRate;
import io.etlrecovery.report.BurnRateAlertPolicy;
import io.etlrecovery.report.Sli;
import io.etlrecovery.report.SloBudget;
import io.etlrecovery.store.BudgetRepository;
import io.etlrecovery.store.StoreSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BiFunction;

/** Computes a {@link BudgetReport} from hourly snapshots, the last hours' checkpoints and the runs. */
public final class BudgetCalculator {

    /** The windows every budget report shows a burn rate for, besides the policy window and the alert windows. */
    public static final List<Duration> STANDARD_WINDOWS = List.of(Duration.ofHours(1), Duration.ofHours(6),
            Duration.ofHours(24));

    private BudgetCalculator() {
    }

    public static BudgetReport compute(StoreSession s, String pipeline, BudgetPolicy policy, boolean defaultPolicy,
                                       BurnRateAlertPolicy alertPolicy, Instant now) {
        TreeSet<Duration> windows = new TreeSet<>(STANDARD_WINDOWS);
        windows.add(policy.window());
        for (BurnRateAlertPolicy.Rule r : alertPolicy.rules()) {
            windows.add(r.longWindow());
            windows.add(r.shortWindow());
        }
        Duration span = windows.last();
        Instant spanStart = now.minus(span);
        RecordCounter records = Snapshots.counter(s, pipeline, spanStart, now);
        RunCounter runs = new RunCounter(s.attach(BudgetRepository.class).runOutcomes(pipeline, spanStart, now));

        Instant windowStart = now.minus(policy.window());
        BiFunction<Instant, Instant, Counts> recordCounts = records::count;
        BiFunction<Instant, Instant, Counts> runCounts = runs::count;

        List<BurnAlert> alerts = new ArrayList<>();
        alerts.addAll(alerts(pipeline, Sli.RECORDS, policy.recordSlo(), alertPolicy, recordCounts, now));
        alerts.addAll(alerts(pipeline, Sli.RUNS, policy.runSlo(), alertPolicy, runCounts, now));
        alerts.sort(java.util.Comparator.comparing(BurnAlert::severity));

        SloBudget recordBudget = budget(Sli.RECORDS, policy.recordSlo(), windows, windowStart, recordCounts, now,
                alerts.stream().anyMatch(a -> a.sli() == Sli.RECORDS));
        SloBudget runBudget = budget(Sli.RUNS, policy.runSlo(), windows, windowStart, runCounts, now,
                alerts.stream().anyMatch(a -> a.sli() == Sli.RUNS));

        List<BudgetPoint> burnDown = new ArrayList<>();
        Instant midnight = Time.startOf(Time.day(windowStart).plusDays(1));
        for (Instant at = midnight; at.isBefore(now); at = at.plus(Duration.ofDays(1))) {
            burnDown.add(point(at, windowStart, recordBudget, runBudget, recordCounts, runCounts));
        }
        burnDown.add(point(now, windowStart, recordBudget, runBudget, recordCounts, runCounts));

        return new BudgetReport(pipeline, now, policy, defaultPolicy, windowStart, recordBudget, runBudget,
                recordBudget.status().worst(runBudget.status()), alerts, burnDown);
    }

    private static SloBudget budget(Sli sli, double slo, TreeSet<Duration> windows, Instant windowStart,
                                    BiFunction<Instant, Instant, Counts> counts, Instant now, boolean alerting) {
        Counts window = counts.apply(windowStart, now);
        List<BurnRate> rates = new ArrayList<>();
        for (Duration w : windows) {
            Counts c = counts.apply(now.minus(w), now);
            rates.add(new BurnRate(w, c.total(), c.failed(), c.ratio(), BudgetMath.burnRate(c, slo)));
        }
        double consumed = BudgetMath.burnRate(window, slo);
        return new SloBudget(sli, slo, window.total(), window.failed(),
                BudgetMath.allowed(window.total(), slo).doubleValue(), consumed, 1.0 - consumed,
                BudgetMath.status(window, slo, alerting), rates);
    }

    private static List<BurnAlert> alerts(String pipeline, Sli sli, double slo, BurnRateAlertPolicy policy,
                                          BiFunction<Instant, Instant, Counts> counts, Instant now) {
        List<BurnAlert> fired = new ArrayList<>();
        for (BurnRateAlertPolicy.Rule rule : policy.rules()) {
            Counts longC = counts.apply(now.minus(rule.longWindow()), now);
            Counts shortC = counts.apply(now.minus(rule.shortWindow()), now);
            if (BudgetMath.burnsAbove(longC, slo, rule.burnRate()) && BudgetMath.burnsAbove(shortC, slo, rule.burnRate())) {
                double longRate = BudgetMath.burnRate(longC, slo);
                double shortRate = BudgetMath.burnRate(shortC, slo);
                String what = sli == Sli.RECORDS ? "Records of " + pipeline + " are quarantined"
                        : "Runs of " + pipeline + " fail";
                String message = what + " " + Fmt.rate(longRate) + " as fast as the budget allows over the last "
                        + Fmt.duration(rule.longWindow()) + " (" + longC.failed() + " of " + longC.total() + ") and "
                        + Fmt.rate(shortRate) + " over the last " + Fmt.duration(rule.shortWindow()) + " ("
                        + shortC.failed() + " of " + shortC.total() + "); " + rule.severity() + " above "
                        + Fmt.rate(rule.burnRate()) + ".";
                fired.add(new BurnAlert(pipeline, sli, rule.severity(), rule.longWindow(), longRate,
                        rule.shortWindow(), shortRate, rule.burnRate(), message));
            }
        }
        return fired;
    }

    private static BudgetPoint point(Instant at, Instant windowStart, SloBudget records, SloBudget runs,
                                     BiFunction<Instant, Instant, Counts> recordCounts,
                                     BiFunction<Instant, Instant, Counts> runCounts) {
        Counts r = recordCounts.apply(windowStart, at);
        Counts n = runCounts.apply(windowStart, at);
        return new BudgetPoint(at, r.total(), r.failed(), remaining(r.failed(), records.allowed()), n.total(),
                n.failed(), remaining(n.failed(), runs.allowed()));
    }

    private static double remaining(long failed, double allowed) {
        if (allowed == 0.0) return 1.0;
        return 1.0 - failed / allowed;
    }

    /** Runs that ended, counted over spans in memory (a pipeline has few runs next to its records). */
    static final class RunCounter {
        private final Instant[] ends;
        private final boolean[] failed;

        RunCounter(List<BudgetRepository.RunOutcome> outcomes) {
            List<BudgetRepository.RunOutcome> sorted = new ArrayList<>(outcomes);
            sorted.sort(java.util.Comparator.comparing(BudgetRepository.RunOutcome::endedAt));
            ends = new Instant[sorted.size()];
            failed = new boolean[sorted.size()];
            for (int i = 0; i < sorted.size(); i++) {
                ends[i] = sorted.get(i).endedAt();
                failed[i] = RunStatuses.failed(sorted.get(i).status());
            }
        }

        Counts count(Instant from, Instant to) {
            long total = 0;
            long bad = 0;
            for (int i = 0; i < ends.length; i++) {
                if (!ends[i].isBefore(from) && ends[i].isBefore(to)) {
                    total++;
                    if (failed[i]) bad++;
                }
            }
            return new Counts(total, bad);
        }
    }
}
