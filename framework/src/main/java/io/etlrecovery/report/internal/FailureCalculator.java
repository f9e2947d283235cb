package io.etlrecovery.report.internal;

import io.etlrecovery.recovery.ErrorFingerprint;
import io.etlrecovery.report.DayFailures;
import io.etlrecovery.report.FailureQuery;
import io.etlrecovery.report.FailureReport;
import io.etlrecovery.report.PipelineFailures;
import io.etlrecovery.report.RunFailures;
import io.etlrecovery.report.StopCause;
import io.etlrecovery.report.Trend;
import io.etlrecovery.store.AnalysisRepository;
import io.etlrecovery.store.AnalysisRow;
import io.etlrecovery.store.BudgetRepository;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.StoreSession;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes a {@link FailureReport}: runs from PIPELINE_RUNS, records from the budget snapshots, recovery counts
 * from one aggregate query over ERROR_DETAILS per day, stops from RECOVERY_ACTIONS; then stores the DAY and RUN
 * rows in FAILURE_ANALYSIS.
 */
public final class FailureCalculator {

    private static final Logger LOG = LoggerFactory.getLogger(FailureCalculator.class);
    private static final int MAX_CAUSE_LENGTH = 2000;

    private FailureCalculator() {
    }

    public static FailureReport compute(StoreSession s, FailureQuery q, Instant now) {
        LocalDate to = Time.day(now);
        LocalDate from = to.minusDays(q.days() - 1L);
        Instant periodStart = Time.startOf(from);
        int nDays = q.days();
        AnalysisRepository analysis = s.attach(AnalysisRepository.class);
        List<String> pipelines = q.pipeline() != null ? List.of(q.pipeline())
                : s.attach(BudgetRepository.class).pipelines();

        Map<String, List<RunRow>> runsBy = new HashMap<>();
        for (RunRow r : s.runs().overlapping(q.pipeline(), periodStart, now)) {
            runsBy.computeIfAbsent(r.pipeline(), k -> new ArrayList<>()).add(r);
        }
        Map<String, List<Instant>> stopsBy = new HashMap<>();
        for (AnalysisRepository.StopEvent e : analysis.runStops(q.pipeline(), periodStart, now)) {
            stopsBy.computeIfAbsent(e.pipeline(), k -> new ArrayList<>()).add(e.createdAt());
        }
        // recovery counts per pipeline and day: a day that ended (with a grace period) before its stored row was
        // computed is read back from FAILURE_ANALYSIS; the other days are counted in ERROR_DETAILS, one query per day
        Map<String, long[]> retried = new HashMap<>();
        Map<String, long[]> recovered = new HashMap<>();
        Map<String, boolean[]> known = new HashMap<>();
        for (AnalysisRow row : analysis.rows(q.pipeline(), AnalysisRow.DAY, periodStart, now)) {
            int d = dayIndex(from, row.periodStart());
            if (d < 0 || d >= nDays || row.retriedFailures() == null || row.recoveredFailures() == null) continue;
            if (row.computedAt().isBefore(row.periodEnd().plus(Snapshots.GRACE))) continue;
            retried.computeIfAbsent(row.pipeline(), k -> new long[nDays])[d] = row.retriedFailures();
            recovered.computeIfAbsent(row.pipeline(), k -> new long[nDays])[d] = row.recoveredFailures();
            known.computeIfAbsent(row.pipeline(), k -> new boolean[nDays])[d] = true;
        }
        for (int d = 0; d < nDays; d++) {
            Instant dayStart = Time.startOf(from.plusDays(d));
            Instant dayEnd = Time.min(dayStart.plus(Duration.ofDays(1)), now);
            if (!dayStart.isBefore(dayEnd)) break;
            int day = d;
            if (pipelines.stream().allMatch(p -> known.containsKey(p) && known.get(p)[day])) continue;
            for (AnalysisRepository.RecoveryCount c : analysis.recoveryCounts(q.pipeline(), dayStart, dayEnd)) {
                boolean[] k = known.get(c.pipeline());
                if (k != null && k[d]) continue;
                retried.computeIfAbsent(c.pipeline(), x -> new long[nDays])[d] = c.retried();
                recovered.computeIfAbsent(c.pipeline(), x -> new long[nDays])[d] = c.recovered();
            }
        }

        List<PipelineFailures> result = new ArrayList<>();
        List<AnalysisRow> rows = new ArrayList<>();
        for (String p : pipelines) {
            result.add(analyse(s, q, p, from, nDays, now, runsBy.getOrDefault(p, List.of()),
                    stopsBy.getOrDefault(p, List.of()), retried.getOrDefault(p, new long[nDays]),
                    recovered.getOrDefault(p, new long[nDays]), rows));
        }
        try {
            analysis.save(rows);
        } catch (RuntimeException e) {
            LOG.debug("Failure analysis rows not stored ({}); the report is complete without them", e.toString());
        }
        return new FailureReport(now, q.pipeline(), from, to, result);
    }

    private static PipelineFailures analyse(StoreSession s, FailureQuery q, String p, LocalDate from, int nDays,
                                            Instant now, List<RunRow> runs, List<Instant> stops, long[] retried,
                                            long[] recovered, List<AnalysisRow> rows) {
        Instant periodStart = Time.startOf(from);
        RecordCounter records = Snapshots.counter(s, p, periodStart, now);

        List<RunRow> ended = new ArrayList<>();
        for (RunRow r : runs) {
            Instant end = endOf(r);
            if (RunStatuses.ended(r.status()) && !end.isBefore(periodStart) && end.isBefore(now)) ended.add(r);
        }
        List<Incident> incidents = incidents(ended, stops);

        long[] dayRuns = new long[nDays];
        long[] dayFailed = new long[nDays];
        for (RunRow r : ended) {
            int d = dayIndex(from, endOf(r));
            dayRuns[d]++;
            if (RunStatuses.failed(r.status())) dayFailed[d]++;
        }
        List<DayFailures> days = new ArrayList<>(nDays);
        for (int d = 0; d < nDays; d++) {
            LocalDate day = from.plusDays(d);
            Instant dayStart = Time.startOf(day);
            Instant dayEnd = dayStart.plus(Duration.ofDays(1));
            Counts rec = records.count(dayStart, Time.min(dayEnd, now));
            List<Duration> recoveries = new ArrayList<>();
            for (Incident i : incidents) {
                if (i.end() != null && !i.end().isBefore(dayStart) && i.end().isBefore(dayEnd)) {
                    recoveries.add(Duration.between(i.start(), i.end()));
                }
            }
            int thisDay = d;
            List<StopCause> dayCauses = stopCauses(p, ended, r -> dayIndex(from, endOf(r)) == thisDay, 1);
            String topCause = dayCauses.isEmpty() ? null : describe(dayCauses.get(0));
            DayFailures df = new DayFailures(p, day, dayRuns[d], dayFailed[d], ratio(dayFailed[d], dayRuns[d]),
                    rec.total(), rec.failed(), rec.ratio(), retried[d], recovered[d],
                    retried[d] == 0 ? null : (double) recovered[d] / retried[d], mean(recoveries), topCause);
            days.add(df);
            rows.add(new AnalysisRow(p, AnalysisRow.DAY, dayStart, dayEnd, null, df.runs(), df.failedRuns(),
                    df.records(), df.failedRecords(), df.failureRate(), null,
                    df.mttr() == null ? null : df.mttr().getSeconds(), df.recoverySuccessRate(), topCause,
                    df.retriedFailures(), df.recoveredFailures(), now));
        }

        int half = nDays / 2;
        long firstRuns = 0, firstFailed = 0, secondRuns = 0, secondFailed = 0;
        for (int d = 0; d < half; d++) {
            firstRuns += dayRuns[d];
            firstFailed += dayFailed[d];
            secondRuns += dayRuns[nDays - 1 - d];
            secondFailed += dayFailed[nDays - 1 - d];
        }
        Trend trend = Trend.ofRates(secondFailed, secondRuns, firstFailed, firstRuns);

        long runsTotal = ended.size();
        long runsFailed = ended.stream().filter(r -> RunStatuses.failed(r.status())).count();
        Counts rec = records.count(periodStart, now);
        long retriedTotal = 0, recoveredTotal = 0;
        for (int d = 0; d < nDays; d++) {
            retriedTotal += retried[d];
            recoveredTotal += recovered[d];
        }
        List<Duration> durations = new ArrayList<>();
        for (Incident i : incidents) if (i.end() != null) durations.add(Duration.between(i.start(), i.end()));

        List<RunRow> listed = new ArrayList<>();
        Set<Instant> runStarts = new HashSet<>();
        for (RunRow r : runs) {
            boolean inPeriod = !RunStatuses.ended(r.status()) || !endOf(r).isBefore(periodStart);
            if (!inPeriod) continue;
            listed.add(r);
            // FAILURE_ANALYSIS keys a RUN row by its start; two runs of one pipeline cannot start at the same
            // instant under the pipeline lock, so a clash only drops a duplicate row, never a report line
            if (runStarts.add(r.startedAt())) rows.add(runRow(r, now));
        }
        listed.sort(Comparator.comparingLong(RunRow::runId).reversed());
        List<RunFailures> recent = listed.stream().limit(q.maxRuns()).map(FailureCalculator::runFailures).toList();

        return new PipelineFailures(p, runsTotal, runsFailed, ratio(runsFailed, runsTotal), rec.total(), rec.failed(),
                rec.ratio(), trend, ratio(firstFailed, firstRuns), ratio(secondFailed, secondRuns), incidents.size(),
                incidents.stream().filter(i -> i.end() == null).count(), mean(durations), retriedTotal,
                recoveredTotal, retriedTotal == 0 ? null : (double) recoveredTotal / retriedTotal,
                stopCauses(p, ended, r -> true, q.maxStopCauses()), days, recent);
    }

    private static int dayIndex(LocalDate from, Instant t) {
        return (int) (Time.day(t).toEpochDay() - from.toEpochDay());
    }

    /** Incidents: from the first failure after a success to the next success (end {@code null} while open). */
    static List<Incident> incidents(List<RunRow> ended, List<Instant> stops) {
        record Event(Instant at, boolean success) {
        }
        List<Event> events = new ArrayList<>();
        for (RunRow r : ended) events.add(new Event(endOf(r), RunStatuses.succeeded(r.status())));
        for (Instant t : stops) events.add(new Event(t, false));
        // at the same instant a failure comes first, so a success at that instant ends its incident
        events.sort(Comparator.comparing(Event::at).thenComparing(Event::success));
        List<Incident> incidents = new ArrayList<>();
        Instant openSince = null;
        for (Event e : events) {
            if (!e.success() && openSince == null) {
                openSince = e.at();
            } else if (e.success() && openSince != null) {
                incidents.add(new Incident(openSince, e.at()));
                openSince = null;
            }
        }
        if (openSince != null) incidents.add(new Incident(openSince, null));
        return incidents;
    }

    private static List<StopCause> stopCauses(String p, List<RunRow> ended, java.util.function.Predicate<RunRow> which,
                                              int limit) {
        record Key(String category, String reason) {
        }
        Map<Key, List<RunRow>> groups = new LinkedHashMap<>();
        for (RunRow r : ended) {
            if (!RunStatuses.failed(r.status()) || (r.stopCategory() == null && r.stopReason() == null)) continue;
            if (!which.test(r)) continue;
            groups.computeIfAbsent(new Key(r.stopCategory(), ErrorFingerprint.normalize(r.stopReason())),
                    k -> new ArrayList<>()).add(r);
        }
        List<StopCause> causes = new ArrayList<>();
        for (Map.Entry<Key, List<RunRow>> g : groups.entrySet()) {
            RunRow latest = g.getValue().stream().max(Comparator.comparing(FailureCalculator::endOf)
                    .thenComparingLong(RunRow::runId)).orElseThrow();
            causes.add(new StopCause(p, g.getKey().category(), g.getKey().reason(), latest.stopReason(),
                    g.getValue().size(), endOf(latest)));
        }
        causes.sort(Comparator.comparingLong(StopCause::runs).reversed()
                .thenComparing(StopCause::lastAt, Comparator.reverseOrder()));
        return causes.size() > limit ? List.copyOf(causes.subList(0, limit)) : causes;
    }

    private static String describe(StopCause c) {
        String s = (c.category() == null ? "" : c.category() + ": ") + c.reason() + " (" + c.runs()
                + (c.runs() == 1 ? " run)" : " runs)");
        return s.length() > MAX_CAUSE_LENGTH ? s.substring(0, MAX_CAUSE_LENGTH) : s;
    }

    private static AnalysisRow runRow(RunRow r, Instant now) {
        boolean ended = RunStatuses.ended(r.status());
        boolean failed = RunStatuses.failed(r.status());
        String cause = failed && (r.stopCategory() != null || r.stopReason() != null)
                ? (r.stopCategory() == null ? "" : r.stopCategory() + ": ") + ErrorFingerprint.normalize(r.stopReason())
                : null;
        if (cause != null && cause.length() > MAX_CAUSE_LENGTH) cause = cause.substring(0, MAX_CAUSE_LENGTH);
        return new AnalysisRow(r.pipeline(), AnalysisRow.RUN, r.startedAt(), endOf(r), r.runId(), ended ? 1 : 0,
                failed ? 1 : 0, r.recordsRead(), r.recordsQuarantined(), ratio(r.recordsQuarantined(), r.recordsRead()),
                null, null, null, cause, null, null, now);
    }

    private static RunFailures runFailures(RunRow r) {
        return new RunFailures(r.pipeline(), r.runId(), r.status(), RunStatuses.failed(r.status()), r.startedAt(),
                RunStatuses.ended(r.status()) ? endOf(r) : null, r.resumeCount(), r.recordsRead(),
                r.recordsQuarantined(), ratio(r.recordsQuarantined(), r.recordsRead()), r.retries(),
                r.stopCategory(), r.stopReason());
    }

    /** When a run ended: ENDED_AT, or its last heartbeat when a status change left ENDED_AT empty. */
    static Instant endOf(RunRow r) {
        return r.endedAt() != null ? r.endedAt() : r.heartbeatAt();
    }

    private static double ratio(long failed, long total) {
        return total == 0 ? 0.0 : (double) failed / total;
    }

    private static Duration mean(List<Duration> ds) {
        if (ds.isEmpty()) return null;
        Duration sum = Duration.ZERO;
        for (Duration d : ds) sum = sum.plus(d);
        return sum.dividedBy(ds.size());
    }

    /** A period during which the pipeline's latest outcome was a failure. */
    record Incident(Instant start, Instant end) {
    }
}
