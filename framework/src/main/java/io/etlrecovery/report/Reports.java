package io.etlrecovery.report;

import io.etlrecovery.health.HealthCheck;
import io.etlrecovery.health.HealthReport;
import io.etlrecovery.health.PreRunChecks;
import io.etlrecovery.report.internal.BudgetCalculator;
import io.etlrecovery.report.internal.FailureCalculator;
import io.etlrecovery.report.internal.PatternCalculator;
import io.etlrecovery.report.internal.Snapshots;
import io.etlrecovery.store.BudgetPolicyRow;
import io.etlrecovery.store.BudgetRepository;
import io.etlrecovery.store.Store;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The query API of every report: recurring error patterns, error budgets, failure analysis and system health,
 * each returned as immutable records in which every row names its pipeline.
 *
 * <pre>{@code
 * Reports reports = Reports.on(store);
 * BudgetReport b = reports.budget("orders-import");
 * if (b.status() != BudgetStatus.OK) ...
 * PatternReport top = reports.patterns(PatternQuery.of("orders-import"));
 * }</pre>
 *
 * <p>Reports read the aggregates the runner maintains (CHECKPOINTS per batch, ERROR_PATTERNS and
 * ERROR_PATTERN_DAYS, PIPELINE_RUNS) and keep their own: hourly SNAPSHOT rows of ERROR_BUDGET (computed once per
 * complete hour) and FAILURE_ANALYSIS rows (a day's error counts are read from ERROR_DETAILS until the day is over,
 * then from its stored row). So their cost does not grow with the number of recorded errors: over 1,000,000 errors
 * a budget or a patterns report takes milliseconds once the snapshots exist. They may run while a pipeline runs on
 * the same store; writing their own rows is best effort (a read-only store still gets its reports). Times are UTC;
 * every window ends at the clock's now and includes its start ({@code [now − window, now)}).
 *
 * <p>Immutable and thread-safe; {@link #clock(Clock)}, {@link #alertPolicy} and {@link #healthLimits} return
 * copies. Defaults: the UTC system clock, {@link BurnRateAlertPolicy#defaults()} and
 * {@link PreRunChecks#defaults()}.
 */
public final class Reports {

    private final Store store;
    private final Clock clock;
    private final BurnRateAlertPolicy alertPolicy;
    private final PreRunChecks healthLimits;

    private Reports(Store store, Clock clock, BurnRateAlertPolicy alertPolicy, PreRunChecks healthLimits) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.alertPolicy = Objects.requireNonNull(alertPolicy, "alertPolicy");
        this.healthLimits = Objects.requireNonNull(healthLimits, "healthLimits");
    }

    /** Reports over {@code store}, with the defaults. */
    public static Reports on(Store store) {
        return new Reports(store, Clock.systemUTC(), BurnRateAlertPolicy.defaults(), PreRunChecks.defaults());
    }

    /** A copy that takes "now" from {@code clock}. */
    public Reports clock(Clock clock) {
        return new Reports(store, clock, alertPolicy, healthLimits);
    }

    /** A copy that raises burn-rate alerts by {@code policy}. */
    public Reports alertPolicy(BurnRateAlertPolicy policy) {
        return new Reports(store, clock, policy, healthLimits);
    }

    /** A copy whose {@link #health()} judges disk and memory by {@code limits} (and measures with its probe). */
    public Reports healthLimits(PreRunChecks limits) {
        return new Reports(store, clock, alertPolicy, limits);
    }

    /** The clock. */
    public Clock clock() {
        return clock;
    }

    /** The burn-rate alert policy. */
    public BurnRateAlertPolicy alertPolicy() {
        return alertPolicy;
    }

    /** The store's URL, password redacted. */
    public String storeDescription() {
        return store.describe();
    }

    /** Every pipeline that has run or has a budget policy, by name. */
    public List<String> pipelines() {
        return store.withSession(s -> s.attach(BudgetRepository.class).pipelines());
    }

    // ---------------------------------------------------------------- patterns

    /** The top recurring failure patterns; see {@link PatternReport}. */
    public PatternReport patterns(PatternQuery query) {
        Objects.requireNonNull(query, "query");
        Instant now = clock.instant();
        return store.withSession(s -> PatternCalculator.compute(s, query, now));
    }

    // ---------------------------------------------------------------- budgets

    /** The pipeline's error budgets over its policy's window; see {@link BudgetReport}. */
    public BudgetReport budget(String pipeline) {
        return budget(pipeline, null);
    }

    /**
     * The pipeline's error budgets with its policy's objectives, over {@code window} (ending now) instead of the
     * policy's own window: how the last week stands against a 30-day policy, say. The stored policy is not changed.
     *
     * @param window whole days, 1 to 366; {@code null} for the policy's window
     * @throws IllegalArgumentException if {@code window} is not whole days from 1 to 366
     */
    public BudgetReport budget(String pipeline, Duration window) {
        requirePipeline(pipeline);
        if (window != null) BudgetPolicy.checkWindow(window); // before the store is asked anything
        Instant now = clock.instant();
        return store.withSession(s -> {
            Optional<BudgetPolicyRow> row = s.attach(BudgetRepository.class).policy(pipeline);
            BudgetPolicy stored = row.map(Reports::toPolicy).orElse(BudgetPolicy.defaults());
            BudgetPolicy policy = window == null ? stored : new BudgetPolicy(stored.recordSlo(), stored.runSlo(), window);
            return BudgetCalculator.compute(s, pipeline, policy, row.isEmpty(), alertPolicy, now);
        });
    }

    /** The error budgets of every pipeline ({@link #pipelines()}), by name. */
    public List<BudgetReport> budgets() {
        List<BudgetReport> reports = new ArrayList<>();
        for (String p : pipelines()) reports.add(budget(p));
        return reports;
    }

    /** The pipeline's stored policy, or {@link BudgetPolicy#defaults()} when it has none. */
    public BudgetPolicy policy(String pipeline) {
        requirePipeline(pipeline);
        return store.withSession(s -> s.attach(BudgetRepository.class).policy(pipeline))
                .map(Reports::toPolicy).orElse(BudgetPolicy.defaults());
    }

    /** Every stored policy, by pipeline name. */
    public Map<String, BudgetPolicy> policies() {
        Map<String, BudgetPolicy> m = new LinkedHashMap<>();
        for (BudgetPolicyRow r : store.withSession(s -> s.attach(BudgetRepository.class).policies())) {
            m.put(r.pipeline(), toPolicy(r));
        }
        return m;
    }

    /** Stores {@code policy} as the pipeline's (replacing any before). */
    public void setPolicy(String pipeline, BudgetPolicy policy) {
        requirePipeline(pipeline);
        Objects.requireNonNull(policy, "policy");
        BudgetPolicyRow row = new BudgetPolicyRow(pipeline, BigDecimal.valueOf(policy.recordSlo()),
                BigDecimal.valueOf(policy.runSlo()), policy.windowDays(), clock.instant());
        store.useTransaction(s -> s.attach(BudgetRepository.class).savePolicy(row));
    }

    /** Removes the pipeline's stored policy, so the defaults apply; returns whether it had one. */
    public boolean removePolicy(String pipeline) {
        requirePipeline(pipeline);
        return store.inTransaction(s -> s.attach(BudgetRepository.class).deletePolicy(pipeline)) > 0;
    }

    /**
     * Computes and stores the hourly budget snapshots that are missing for every pipeline, over the longest span
     * its budget report reads (its window, at least the alert policy's longest window and 24 h). Reports do this
     * themselves when needed; calling it at the end of a run keeps them fast. Returns the pipelines refreshed.
     */
    public int refreshSnapshots() {
        Instant now = clock.instant();
        List<String> pipelines = pipelines();
        for (String p : pipelines) {
            BudgetPolicy policy = policy(p);
            Duration span = policy.window();
            if (alertPolicy.longestWindow().compareTo(span) > 0) span = alertPolicy.longestWindow();
            if (Duration.ofHours(24).compareTo(span) > 0) span = Duration.ofHours(24);
            Instant from = now.minus(span);
            store.withSession(s -> Snapshots.counter(s, p, from, now));
        }
        return pipelines.size();
    }

    /**
     * Recomputes the hourly budget snapshots of {@code pipeline} for every complete hour in {@code [from, to)},
     * replacing the stored ones (e.g. after history was corrected). Returns how many hours were written.
     */
    public int rebuildSnapshots(String pipeline, Instant from, Instant to) {
        requirePipeline(pipeline);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Instant now = clock.instant();
        return store.inTransaction(s -> Snapshots.rebuild(s, pipeline, from, to, now));
    }

    // ---------------------------------------------------------------- failures

    /** Failure analysis; see {@link FailureReport}. Also stores its DAY and RUN rows in FAILURE_ANALYSIS. */
    public FailureReport failures(FailureQuery query) {
        Objects.requireNonNull(query, "query");
        Instant now = clock.instant();
        return store.withSession(s -> FailureCalculator.compute(s, query, now));
    }

    // ---------------------------------------------------------------- health

    /** Checks the store and the machine; see {@link HealthCheck}. */
    public HealthReport health() {
        return HealthCheck.of(store, healthLimits, clock).run();
    }

    private static BudgetPolicy toPolicy(BudgetPolicyRow r) {
        return new BudgetPolicy(r.recordSlo().doubleValue(), r.runSlo().doubleValue(), Duration.ofDays(r.windowDays()));
    }

    private static void requirePipeline(String pipeline) {
        if (pipeline == null || pipeline.isBlank()) throw new IllegalArgumentException("pipeline must not be blank");
    }
}
