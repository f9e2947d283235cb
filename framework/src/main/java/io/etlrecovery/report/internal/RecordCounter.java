package io.etlrecovery.report.internal;

import io.etlrecovery.store.BudgetRepository;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts a pipeline's records (read / quarantined) over any span inside its coverage: the whole hours come from
 * the hourly snapshots (prefix sums, so any span costs O(1)), the parts of hours at either end from one SUM over
 * CHECKPOINTS each (remembered). Valid only while the session it reads through is open.
 */
public final class RecordCounter {

    private final BudgetRepository repo;
    private final String pipeline;
    private final Instant coverageStart;
    private final Instant coverageEnd;
    private final long[] totalPrefix;
    private final long[] failedPrefix;
    private final Map<Span, Counts> edges = new HashMap<>();
    private int edgeQueries;

    RecordCounter(BudgetRepository repo, String pipeline, Instant coverageStart, Instant coverageEnd, long[] hourTotals,
                  long[] hourFailed) {
        this.repo = repo;
        this.pipeline = pipeline;
        this.coverageStart = coverageStart;
        this.coverageEnd = coverageEnd;
        this.totalPrefix = new long[hourTotals.length + 1];
        this.failedPrefix = new long[hourFailed.length + 1];
        for (int i = 0; i < hourTotals.length; i++) {
            totalPrefix[i + 1] = totalPrefix[i] + hourTotals[i];
            failedPrefix[i + 1] = failedPrefix[i] + hourFailed[i];
        }
    }

    /** Records read and quarantined by batches committed in {@code [from, to)}. */
    public Counts count(Instant from, Instant to) {
        if (!from.isBefore(to)) return Counts.ZERO;
        Instant alignedStart = Time.max(Time.ceilHour(from), coverageStart);
        Instant alignedEnd = Time.min(Time.floorHour(to), coverageEnd);
        if (!alignedStart.isBefore(alignedEnd)) return edge(from, to);
        int i = hourIndex(alignedStart);
        int j = hourIndex(alignedEnd);
        Counts sum = new Counts(totalPrefix[j] - totalPrefix[i], failedPrefix[j] - failedPrefix[i]);
        if (from.isBefore(alignedStart)) sum = sum.plus(edge(from, alignedStart));
        if (alignedEnd.isBefore(to)) sum = sum.plus(edge(alignedEnd, to));
        return sum;
    }

    /** How many SUM queries over CHECKPOINTS this counter made (for tests and the benchmark). */
    public int edgeQueries() {
        return edgeQueries;
    }

    private int hourIndex(Instant hourStart) {
        return (int) ((hourStart.getEpochSecond() - coverageStart.getEpochSecond()) / Time.HOUR_SECONDS);
    }

    private Counts edge(Instant from, Instant to) {
        Span key = new Span(from, to);
        Counts c = edges.get(key);
        if (c == null) {
            edgeQueries++;
            BudgetRepository.RecordCounts rc = repo.recordCounts(pipeline, from, to);
            c = new Counts(rc.records(), rc.quarantined());
            edges.put(key, c);
        }
        return c;
    }

    private record Span(Instant from, Instant to) {
    }
}
