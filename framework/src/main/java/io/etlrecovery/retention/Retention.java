package io.etlrecovery.retention;

import io.etlrecovery.report.FailureQuery;
import io.etlrecovery.report.Reports;
import io.etlrecovery.report.internal.Snapshots;
import io.etlrecovery.store.AnalysisRepository;
import io.etlrecovery.store.AnalysisRow;
import io.etlrecovery.store.ErrorRepository;
import io.etlrecovery.store.ErrorRepository.AgedRows;
import io.etlrecovery.store.ErrorRepository.PipelineOldest;
import io.etlrecovery.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * Removes the detail rows that grow with every failure once they are old, keeping the aggregates the reports read.
 *
 * <pre>{@code
 * Retention retention = Retention.on(store);
 * PurgeReport wouldGo = retention.preview(90);   // a dry run: counts only
 * PurgeReport gone = retention.purge(90);        // deletes
 * }</pre>
 *
 * <p><b>What goes.</b> Rows older than {@code days} days: those before the {@linkplain #cutoff cutoff}, the UTC
 * midnight that began the day {@code days} days before today (with {@code days} 7 on the 20th, everything before
 * the 13th, 00:00 UTC). From RETRY_ATTEMPTS the attempts made before the cutoff and those of errors that occurred
 * before it; from ERROR_DETAILS the errors that occurred before it (quarantined records and recovery actions that
 * point at them stay, without the link); from SYSTEM_HEALTH the snapshots taken before it.
 *
 * <p><b>What stays.</b> ERROR_PATTERNS and ERROR_PATTERN_DAYS, ERROR_BUDGET (policies and snapshots),
 * FAILURE_ANALYSIS, PIPELINE_RUNS, CHECKPOINTS, QUARANTINED_RECORDS and RECOVERY_ACTIONS are never touched. The
 * pattern and budget reports do not read the purged tables; failure analysis counts a past day's retried and
 * recovered failures in ERROR_DETAILS until that day's row of FAILURE_ANALYSIS is stored, so {@link #purge} first
 * computes and stores those rows for every day it is about to empty, checks they are there, and only then deletes
 * (if they cannot be stored it throws {@link RetentionException} and deletes nothing). The budget, patterns and
 * failures reports therefore give the same numbers before and after a purge.
 *
 * <p><b>While pipelines run.</b> Rows are deleted in chunks of {@link #chunkSize} rows (default 10,000), each
 * chunk in its own short transaction, so a running pipeline never waits long on the purge; rows a run writes now
 * are newer than the cutoff and are never candidates. A purge that fails part-way leaves every table consistent
 * and can simply be run again.
 *
 * <p>Immutable and thread-safe; {@link #clock(Clock)} and {@link #chunkSize(int)} return copies. Defaults: the UTC
 * system clock, chunks of 10,000 rows.
 */
public final class Retention {

    /** Default rows deleted per transaction: 10,000. */
    public static final int DEFAULT_CHUNK_SIZE = 10_000;
    /** The largest age accepted, in days (100 years). */
    public static final int MAX_DAYS = 36_600;

    /** The purged tables, in the order they are purged. */
    public static final List<String> TABLES = List.of("RETRY_ATTEMPTS", "ERROR_DETAILS", "SYSTEM_HEALTH");

    private final Store store;
    private final Clock clock;
    private final int chunkSize;

    private Retention(Store store, Clock clock, int chunkSize) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.chunkSize = chunkSize;
    }

    /** Retention over {@code store}, with the defaults. */
    public static Retention on(Store store) {
        return new Retention(store, Clock.systemUTC(), DEFAULT_CHUNK_SIZE);
    }

    /** A copy that takes "now" (and so the cutoff) from {@code clock}. */
    public Retention clock(Clock clock) {
        return new Retention(store, clock, chunkSize);
    }

    /**
     * A copy that deletes at most {@code rows} rows per transaction (default 10,000).
     *
     * @throws IllegalArgumentException unless {@code 1 <= rows <= 1,000,000}
     */
    public Retention chunkSize(int rows) {
        if (rows < 1 || rows > 1_000_000) {
            throw new IllegalArgumentException("chunkSize must be 1 to 1000000 rows, was " + rows);
        }
        return new Retention(store, clock, rows);
    }

    /** Rows deleted per transaction. */
    public int chunkSize() {
        return chunkSize;
    }

    /**
     * The cutoff for rows older than {@code days} days at {@code now}: the UTC midnight that began the day
     * {@code days} days before {@code now}'s day.
     *
     * @throws IllegalArgumentException unless {@code 1 <= days <= 36,600}
     */
    public static Instant cutoff(Instant now, int days) {
        checkDays(days);
        return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * A dry run: what {@link #purge(int) purge(days)} would remove now, per table. Reads only.
     *
     * @throws IllegalArgumentException unless {@code 1 <= days <= 36,600}
     */
    public PurgeReport preview(int days) {
        Instant cutoff = cutoff(clock.instant(), days);
        return new PurgeReport(days, cutoff, false, count(cutoff));
    }

    /**
     * Removes the rows older than {@code days} days (see the class comment), after securing the failure-analysis
     * aggregates of the days it empties. Returns what it removed.
     *
     * @throws IllegalArgumentException unless {@code 1 <= days <= 36,600}
     * @throws RetentionException       if the aggregates could not be secured (nothing was deleted)
     */
    public PurgeReport purge(int days) {
        Instant now = clock.instant();
        Instant cutoff = cutoff(now, days);
        List<TablePurge> before = count(cutoff);
        if (before.stream().mapToLong(TablePurge::rows).sum() == 0) return new PurgeReport(days, cutoff, true, before);
        secureFailureAggregates(cutoff, now);
        List<TablePurge> removed = new ArrayList<>(TABLES.size());
        removed.add(new TablePurge("RETRY_ATTEMPTS", deleteInChunks(
                limit -> store.inTransaction(s -> s.errors().deleteAgedAttempts(cutoff, limit))), before.get(0).oldest()));
        removed.add(new TablePurge("ERROR_DETAILS", deleteInChunks(
                limit -> store.inTransaction(s -> s.errors().deleteAgedErrors(cutoff, limit))), before.get(1).oldest()));
        removed.add(new TablePurge("SYSTEM_HEALTH", deleteInChunks(
                limit -> store.inTransaction(s -> s.health().deleteAgedSnapshots(cutoff, limit))), before.get(2).oldest()));
        return new PurgeReport(days, cutoff, true, removed);
    }

    private List<TablePurge> count(Instant cutoff) {
        return store.withSession(s -> {
            ErrorRepository errors = s.errors();
            AgedRows attempts = errors.agedAttempts(cutoff);
            AgedRows details = errors.agedErrors(cutoff);
            AgedRows health = s.health().agedSnapshots(cutoff);
            return List.of(new TablePurge("RETRY_ATTEMPTS", attempts.total(), attempts.oldest()),
                    new TablePurge("ERROR_DETAILS", details.total(), details.oldest()),
                    new TablePurge("SYSTEM_HEALTH", health.total(), health.oldest()));
        });
    }

    private long deleteInChunks(IntUnaryOperator deleteChunk) {
        long total = 0;
        while (true) {
            int n = deleteChunk.applyAsInt(chunkSize);
            total += n;
            if (n < chunkSize) return total;
        }
    }

    /**
     * Stores (through a failure-analysis report) the DAY rows of FAILURE_ANALYSIS for every pipeline and every day
     * from its oldest error before {@code cutoff} up to today, then checks that every day before the cutoff has a
     * final row, so that failure analysis never needs the rows about to be deleted.
     */
    private void secureFailureAggregates(Instant cutoff, Instant now) {
        List<PipelineOldest> oldest = store.withSession(s -> s.errors().oldestErrorPerPipeline(cutoff));
        if (oldest.isEmpty()) return;
        Reports reports = Reports.on(store).clock(clock);
        Set<String> reported = new HashSet<>(reports.pipelines());
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate firstReportable = today.minusDays(FailureQuery.MAX_DAYS - 1L);
        LocalDate first = null;
        for (PipelineOldest o : oldest) {
            if (!reported.contains(o.pipeline())) continue; // no report shows a pipeline without runs or policy
            LocalDate d = LocalDate.ofInstant(o.oldest(), ZoneOffset.UTC);
            if (first == null || d.isBefore(first)) first = d;
        }
        if (first == null) return;
        if (first.isBefore(firstReportable)) first = firstReportable;
        int days = (int) (today.toEpochDay() - first.toEpochDay() + 1);
        try {
            reports.failures(new FailureQuery(null, days, 0, 0));
        } catch (RuntimeException e) {
            throw new RetentionException("Nothing was purged: computing the failure analysis of the days to purge "
                    + "failed (" + e.getMessage() + "). Check that the store is writable and run the purge again.", e);
        }
        LocalDate cutoffDay = LocalDate.ofInstant(cutoff, ZoneOffset.UTC);
        for (PipelineOldest o : oldest) {
            if (!reported.contains(o.pipeline())) continue;
            LocalDate from = LocalDate.ofInstant(o.oldest(), ZoneOffset.UTC);
            if (from.isBefore(firstReportable)) from = firstReportable;
            if (!from.isBefore(cutoffDay)) continue;
            Instant fromStart = from.atStartOfDay(ZoneOffset.UTC).toInstant();
            List<AnalysisRow> rows = store.withSession(s -> s.attach(AnalysisRepository.class)
                    .rows(o.pipeline(), AnalysisRow.DAY, fromStart, cutoff));
            long finalRows = rows.stream().filter(r -> r.retriedFailures() != null && r.recoveredFailures() != null
                    && !r.computedAt().isBefore(r.periodEnd().plus(Snapshots.GRACE))).count();
            long expected = cutoffDay.toEpochDay() - from.toEpochDay();
            if (finalRows < expected) {
                throw new RetentionException("Nothing was purged: the failure analysis of pipeline '" + o.pipeline()
                        + "' could not be stored for " + (expected - finalRows) + " of the " + expected + " days from "
                        + from + " to " + cutoffDay.minusDays(1) + ", so purging their errors would change its "
                        + "numbers. Check that the store is writable and run the purge again.");
            }
        }
    }

    private static void checkDays(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be 1 to " + MAX_DAYS + ", was " + days);
        }
    }
}
