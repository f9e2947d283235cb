package io.etlrecovery.report.internal;

import io.etlrecovery.store.BudgetRepository;
import io.etlrecovery.store.BudgetSnapshotRow;
import io.etlrecovery.store.StoreSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hourly SNAPSHOT rows of ERROR_BUDGET: per pipeline and completed UTC hour, the records read and quarantined
 * by the batches committed in it (from CHECKPOINTS) and the runs that ended in it. A report sums snapshots for the
 * whole hours of its windows and reads CHECKPOINTS only for the parts of hours at their ends, so its cost does not
 * grow with the history.
 *
 * <p>An hour is snapshotted only once it is complete: {@link #GRACE} after its end, so that a batch stamped just
 * before the hour's end but committed just after is in it. Missing hours are computed when a report needs them
 * (the first report over a long history pays once); hours before the pipeline's first run need no row. Writes are
 * idempotent upserts; when the store refuses them (read-only, or another process wrote the same rows first) the
 * computed values are used without being stored.
 */
public final class Snapshots {

    /** How long after its end an hour is taken as complete: 5 minutes. */
    public static final Duration GRACE = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);

    private Snapshots() {
    }

    /** The end of the last complete hour at {@code now}. */
    public static Instant completeUntil(Instant now) {
        return Time.floorHour(now.minus(GRACE));
    }

    /**
     * A counter for spans of {@code pipeline} inside {@code [from, now)}, computing and storing the snapshots of
     * the complete hours it needs that are missing.
     */
    public static RecordCounter counter(StoreSession s, String pipeline, Instant from, Instant now) {
        BudgetRepository repo = s.attach(BudgetRepository.class);
        Instant coverageStart = Time.ceilHour(from);
        Instant coverageEnd = Time.max(coverageStart, completeUntil(now));
        int hours = hoursBetween(coverageStart, coverageEnd);
        long[] totals = new long[hours];
        long[] failed = new long[hours];
        Optional<Instant> first = hours == 0 ? Optional.empty() : repo.firstRunStart(pipeline);
        if (first.isPresent()) {
            Instant dataStart = Time.max(coverageStart, Time.floorHour(first.get()));
            if (dataStart.isBefore(coverageEnd)) {
                BitSet have = new BitSet(hours);
                for (BudgetSnapshotRow r : repo.snapshots(pipeline, dataStart, coverageEnd)) {
                    int i = hoursBetween(coverageStart, r.periodStart());
                    if (i < 0 || i >= hours) continue;
                    totals[i] = r.recordsTotal();
                    failed[i] = r.recordsFailed();
                    have.set(i);
                }
                int firstNeeded = hoursBetween(coverageStart, dataStart);
                int firstMissing = have.nextClearBit(firstNeeded);
                if (firstMissing < hours) {
                    BitSet missing = new BitSet(hours);
                    missing.set(firstMissing, hours);
                    missing.andNot(have);
                    List<BudgetSnapshotRow> rows = compute(repo, pipeline, coverageStart, missing, now);
                    for (BudgetSnapshotRow r : rows) {
                        int i = hoursBetween(coverageStart, r.periodStart());
                        totals[i] = r.recordsTotal();
                        failed[i] = r.recordsFailed();
                    }
                    save(repo, rows);
                }
            }
        }
        return new RecordCounter(repo, pipeline, coverageStart, coverageEnd, totals, failed);
    }

    /**
     * Recomputes and stores the snapshots of {@code pipeline} for every complete hour in {@code [from, to)}
     * (for example after rows were corrected by hand); returns how many were written.
     */
    public static int rebuild(StoreSession s, String pipeline, Instant from, Instant to, Instant now) {
        BudgetRepository repo = s.attach(BudgetRepository.class);
        Instant start = Time.ceilHour(from);
        Instant end = Time.min(Time.floorHour(to), completeUntil(now));
        if (!start.isBefore(end)) return 0;
        int hours = hoursBetween(start, end);
        BitSet all = new BitSet(hours);
        all.set(0, hours);
        List<BudgetSnapshotRow> rows = compute(repo, pipeline, start, all, now);
        repo.saveSnapshots(rows);
        return rows.size();
    }

    /** Snapshots of the hours set in {@code wanted} (hour i starts at {@code base + i h}). */
    private static List<BudgetSnapshotRow> compute(BudgetRepository repo, String pipeline, Instant base, BitSet wanted,
                                                   Instant now) {
        int firstHour = wanted.nextSetBit(0);
        int endHour = wanted.length();
        Instant spanStart = base.plusSeconds(firstHour * Time.HOUR_SECONDS);
        Instant spanEnd = base.plusSeconds(endHour * Time.HOUR_SECONDS);
        int n = endHour - firstHour;
        long[] records = new long[n];
        long[] quarantined = new long[n];
        long[] runs = new long[n];
        long[] failedRuns = new long[n];
        for (BudgetRepository.BatchCount b : repo.batchCounts(pipeline, spanStart, spanEnd)) {
            int i = hoursBetween(spanStart, Time.floorHour(b.createdAt()));
            records[i] += b.batchRecords();
            quarantined[i] += b.batchQuarantined();
        }
        for (BudgetRepository.RunOutcome r : repo.runOutcomes(pipeline, spanStart, spanEnd)) {
            int i = hoursBetween(spanStart, Time.floorHour(r.endedAt()));
            runs[i]++;
            if (!RunStatuses.succeeded(r.status())) failedRuns[i]++;
        }
        List<BudgetSnapshotRow> rows = new ArrayList<>(wanted.cardinality());
        for (int h = wanted.nextSetBit(0); h >= 0; h = wanted.nextSetBit(h + 1)) {
            int i = h - firstHour;
            Instant start = base.plusSeconds(h * Time.HOUR_SECONDS);
            rows.add(new BudgetSnapshotRow(pipeline, start, start.plusSeconds(Time.HOUR_SECONDS), records[i],
                    quarantined[i], runs[i], failedRuns[i], now));
        }
        return rows;
    }

    private static void save(BudgetRepository repo, List<BudgetSnapshotRow> rows) {
        try {
            repo.saveSnapshots(rows);
        } catch (RuntimeException e) {
            // another reader stored them first, or the store is read-only: the values are the same either way
            LOG.debug("Budget snapshots not stored ({}); using them unstored", e.toString());
        }
    }

    private static int hoursBetween(Instant from, Instant to) {
        return (int) Math.floorDiv(to.getEpochSecond() - from.getEpochSecond(), Time.HOUR_SECONDS);
    }
}
