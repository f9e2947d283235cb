package io.etlrecovery.runner.internal;

import io.etlrecovery.internal.Fmt;
import io.etlrecovery.io.JdbcSink;
import java.util.concurrent.ThreadLocalRandom;
import io.etlrecovery.recovery.RetryPolicy;
import io.etlrecovery.LogContext;
import io.etlrecovery.pipeline.BatchStep;
import io.etlrecovery.pipeline.CheckpointStrategy;
import io.etlrecovery.pipeline.Compensable;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.Position;
import io.etlrecovery.pipeline.Sink;
import io.etlrecovery.pipeline.Source;
import io.etlrecovery.pipeline.SourceRecord;
import io.etlrecovery.pipeline.Step;
import io.etlrecovery.pipeline.TaskStep;
import io.etlrecovery.recovery.Alert;
import io.etlrecovery.recovery.CallOptions;
import io.etlrecovery.recovery.CallOutcome;
import io.etlrecovery.recovery.CircuitBreaker;
import io.etlrecovery.recovery.Classification;
import io.etlrecovery.recovery.Decision;
import io.etlrecovery.recovery.ErrorCategory;
import io.etlrecovery.recovery.ErrorContext;
import io.etlrecovery.recovery.ErrorFingerprint;
import io.etlrecovery.recovery.ErrorRateMonitor;
import io.etlrecovery.recovery.ErrorRecoveryManager;
import io.etlrecovery.recovery.RecoveryPolicies;
import io.etlrecovery.recovery.Redactor;
import io.etlrecovery.recovery.spi.AttemptRecord;
import io.etlrecovery.recovery.spi.FailureRecord;
import io.etlrecovery.recovery.spi.RecoveryActionRecord;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunListener;
import io.etlrecovery.runner.RunMode;
import io.etlrecovery.runner.RunOptions;
import io.etlrecovery.runner.RunRefusedException;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.runner.RunStatus;
import io.etlrecovery.store.ActionRow;
import io.etlrecovery.store.AttemptRow;
import io.etlrecovery.store.CheckpointRow;
import io.etlrecovery.store.ErrorRow;
import io.etlrecovery.store.LockRepository;
import io.etlrecovery.store.PatternRow;
import io.etlrecovery.store.QuarantineRow;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreException;
import io.etlrecovery.store.StoreSession;
import java.sql.Connection;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One invocation of {@link PipelineRunner#run}: decides new run or resume, takes the pipeline's lock, runs the
 * steps batch by batch, and ends the run. Not reused.
 */
public final class RunExecution {
    private static final Logger LOG = LoggerFactory.getLogger("io.etlrecovery.runner");
    private static final int DIGEST_FRAMES = 8;
    /**
     * How often, at most, a run re-reads the breakers' shared state between batches to adopt what other runs saved:
     * once per batch cost a query per breaker per batch (about 5% of a 1,000-record batch).
     */
    private static final Duration BREAKER_REFRESH_INTERVAL = Duration.ofSeconds(1);
    private Instant breakersRefreshedAt;
    /** What the running step reads, as its quarantine rows name it; set as the step starts. */
    private String sourceRef;
    /** The call options of the running step's stages, in order ({@link #optionsOf}); set as the step starts. */
    private List<CallOptions<Object>> stageOptions = List.of();
    /** The running step's stages as errors name them ({@code step:stage}), in order; set as the step starts. */
    private List<String> stageNames = List.of();

    private final PipelineRunner runner;
    private final Pipeline pipeline;
    private final RunOptions options;
    /** The batch size an unfinished run recorded when it started, which its resumption keeps by default. */
    private Integer resumedBatchSize;
    private final Store store;
    private final Redactor redactor = Redactor.defaults();
    private final BatchJournal journal = new BatchJournal();
    private final Instant started;
    private final Source<?> reprocessSource;
    private final ReprocessHooks reprocessHooks;

    private long runId;
    private boolean resumed;
    private long resumedFromRecord;
    // the run's totals over all of its resumes
    private long read;
    private long loaded;
    private long quarantined;
    private long filtered;
    private long retries;
    private ErrorRateMonitor rateMonitor;

    public RunExecution(PipelineRunner runner, Pipeline pipeline, RunOptions options) {
        this(runner, pipeline, options, null, null);
    }

    /**
     * An execution that feeds {@code reprocessSource} (quarantined records) through the pipeline's first batch
     * step instead of its own source; {@code hooks} mark quarantine rows as they are reprocessed or fail again.
     */
    public RunExecution(PipelineRunner runner, Pipeline pipeline, RunOptions options, Source<?> reprocessSource,
                        ReprocessHooks hooks) {
        this.runner = runner;
        this.pipeline = pipeline;
        this.options = options;
        this.store = runner.store();
        this.started = runner.clock().instant();
        this.reprocessSource = reprocessSource;
        this.reprocessHooks = hooks;
    }

    /** What a reprocessing run does to quarantine rows instead of inserting new ones. */
    public interface ReprocessHooks {
        /** The records at {@code positions} were loaded by run {@code runId}. */
        void loaded(StoreSession session, List<Position> positions, long runId, Instant at);

        /**
         * Records failed again; {@code failures} holds the quarantine row each would get as a new failure (its record
         * key tells where it came from). Updates the existing quarantine rows among them and returns the failures that
         * are not one, for the run to insert.
         */
        List<QuarantineRow> failedAgain(StoreSession session, List<QuarantineRow> failures);
    }

    public RunResult execute() {
        for (PipelineRunner.PreRunCheck check : runner.preRunChecks()) {
            String refusal = check.check(store);
            if (refusal != null) throw new RunRefusedException(RunRefusedException.Reason.PRE_RUN_CHECK, refusal);
        }
        String fingerprint = reprocessSource != null ? null : fingerprint();
        String inputRef = describeInput();
        begin(fingerprint, inputRef);
        rateMonitor = ErrorRateMonitor.create(runner.errorRateThresholds(), runner.clock(), runner.alertListener(),
                pipeline.name(), runId);
        ScheduledExecutorService heartbeat = startHeartbeat();
        try (LogContext.Scope a = LogContext.put(LogContext.RUN_ID, runId);
             LogContext.Scope b = LogContext.put(LogContext.PIPELINE, pipeline.name())) {
            notify(l -> l.onRunStarted(new RunListener.RunStarted(runId, pipeline.name(), resumed, inputRef)));
            LOG.info("{} run {} of pipeline {}{}", resumed ? "Resuming" : "Starting", runId, pipeline.name(),
                    inputRef == null ? "" : " over " + inputRef);
            RunResult result = runSteps();
            notify(l -> l.onRunFinished(result));
            return result;
        } finally {
            heartbeat.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------------- start

    private String fingerprint() {
        for (Step s : pipeline.steps()) {
            if (s instanceof BatchStep<?> b) {
                try {
                    return b.source().fingerprint();
                } catch (Exception e) {
                    throw new RunRefusedException(RunRefusedException.Reason.PRE_RUN_CHECK, "Cannot read the input "
                            + b.source().describe() + " to fingerprint it: " + redactor.redact(String.valueOf(e.getMessage()))
                            + ". Check that the file exists and is readable.");
                }
            }
        }
        return null;
    }

    private String describeInput() {
        if (reprocessSource != null) return reprocessSource.describe();
        for (Step s : pipeline.steps()) if (s instanceof BatchStep<?> b) return b.source().describe();
        return null;
    }

    private void begin(String fingerprint, String inputRef) {
        Instant now = runner.clock().instant();
        String name = pipeline.name();
        Optional<LockRepository.LockRow> lock = store.withSession(s -> s.locks().find(name));
        if (lock.isPresent() && holderAlive(lock.get(), now)) {
            LockRepository.LockRow l = lock.get();
            throw new RunRefusedException(RunRefusedException.Reason.ACTIVE_RUN, "Pipeline '" + name
                    + "' is already running: run " + l.runId() + " on host " + l.host() + ", pid " + l.pid()
                    + " (last heartbeat " + Duration.between(l.heartbeatAt(), now).toSeconds() + " s ago). Wait for it "
                    + "to finish; if that process is gone for good, run again after "
                    + runner.heartbeatTimeout().toSeconds() + " s without heartbeat and it will be taken over.");
        }
        if (lock.isPresent()) markCrashed(lock.get(), now);

        Optional<RunRow> unfinished = reprocessSource != null ? Optional.empty()
                : store.withSession(s -> s.runs().latestUnfinished(name))
                        // a (crashed) reprocessing run's checkpoint is in the quarantine, not in this input
                        .filter(r -> !isReprocessRun(r));
        RunMode mode = options.mode();
        if (mode == RunMode.RESUME && unfinished.isEmpty()) {
            throw new RunRefusedException(RunRefusedException.Reason.NOTHING_TO_RESUME, "Pipeline '" + name
                    + "' has no unfinished run to resume. Run it without --resume to start a new run.");
        }
        if (mode == RunMode.RESTART && unfinished.isPresent()) {
            restart(unfinished.get(), now);
            unfinished = Optional.empty();
        }
        if (unfinished.isPresent()) {
            RunRow run = unfinished.get();
            if (run.inputFingerprint() != null && fingerprint != null && !run.inputFingerprint().equals(fingerprint)) {
                throw new RunRefusedException(RunRefusedException.Reason.INPUT_CHANGED, "The input changed since run "
                        + run.runId() + " of '" + name + "' started (" + run.inputRef() + ": was " + run.inputFingerprint()
                        + ", now " + fingerprint + "). Resuming would mix two inputs. Restore the original input to resume, "
                        + "or use --restart to roll back run " + run.runId() + " and load the new input from the start.");
            }
            ORPHANED_LOCKS.remove(lockKey(run.runId())); // resumed here: its lock, if any, is live again
            acquire(run.runId(), lock, now, true);
            resumed = true;
            runId = run.runId();
            read = run.recordsRead();
            loaded = run.recordsLoaded();
            quarantined = run.recordsQuarantined();
            filtered = run.recordsFiltered();
            retries = run.retries();
            resumedFromRecord = run.recordsRead();
            resumedBatchSize = Json.batchSizeOf(run.parameters()); // unless the options give another
            LOG.info("Resuming run {} of {} after {} committed records (resume #{})", runId, name, read, run.resumeCount() + 1);
            return;
        }
        if (fingerprint != null && !options.force()) {
            Optional<RunRow> done = store.withSession(s -> s.runs().latestSucceededWithFingerprint(name, fingerprint));
            if (done.isPresent()) {
                throw new RunRefusedException(RunRefusedException.Reason.ALREADY_LOADED, "This input was already loaded "
                        + "by run " + done.get().runId() + " of '" + name + "' (succeeded " + done.get().endedAt() + ", "
                        + done.get().recordsLoaded() + " records loaded). Use --force to load it again.");
            }
        }
        String params = Json.runParameters(options.batchSize() == null ? runner.defaultBatchSize() : options.batchSize(),
                reprocessSource != null, options.force());
        runId = acquireNew(fingerprint, inputRef, params, lock, now);
    }

    /**
     * Runs of this process whose end could not be recorded because the store failed, so their lock is still held in
     * the store under this process's pid: a later run in this process (a long-lived service) takes them over
     * instead of waiting for a process that will never end.
     */
    private static final java.util.Set<String> ORPHANED_LOCKS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private String lockKey(long id) {
        return store.config().url() + "#" + pipeline.name() + "#" + id;
    }

    private boolean holderAlive(LockRepository.LockRow l, Instant now) {
        if (l.host().equals(Host.NAME)) {
            // this very process holds it for a run that ended while the store failed: not running any more
            if (l.pid() == Host.PID && ORPHANED_LOCKS.remove(lockKey(l.runId()))) return false; // claimed once
            return Host.isAlive(l.pid());
        }
        return l.heartbeatAt().plus(runner.heartbeatTimeout()).isAfter(now);
    }

    private void markCrashed(LockRepository.LockRow l, Instant now) {
        String reason = "process " + l.pid() + " on " + l.host() + " stopped without ending the run (crashed or killed)";
        store.useTransaction(s -> {
            s.runs().find(l.runId()).filter(r -> r.status().equals(RunStatus.RUNNING.name())).ifPresent(r -> {
                s.runs().finish(r.runId(), RunStatus.FAILED.name(), r.heartbeatAt(), "CRASH", reason);
                s.actions().insertAll(List.of(new ActionRow(null, r.runId(), null, pipeline.name(), null, "RUN_STOPPED",
                        pipeline.name(), reason, "CRASH", r.heartbeatAt())));
            });
        });
        LOG.warn("Run {} of {}: {}; taking over", l.runId(), pipeline.name(), reason);
    }

    private void acquire(long id, Optional<LockRepository.LockRow> oldLock, Instant now, boolean resume) {
        boolean ok = store.inTransaction(s -> {
            int got = oldLock.isPresent()
                    ? s.locks().takeOver(pipeline.name(), oldLock.get().runId(), oldLock.get().pid(), id, Host.NAME, Host.PID, now)
                    : insertLock(s, id, now);
            if (got == 0) return false;
            if (resume) {
                s.runs().resume(id, now, Host.NAME, Host.PID);
                s.actions().insertAll(List.of(new ActionRow(null, id, null, pipeline.name(), null, "RUN_RESUMED",
                        pipeline.name(), "resumed by pid " + Host.PID + " on " + Host.NAME, "DONE", now)));
            }
            return true;
        });
        if (!ok) {
            throw new RunRefusedException(RunRefusedException.Reason.ACTIVE_RUN, "Another run of '" + pipeline.name()
                    + "' started at the same moment. Try again once it has finished.");
        }
    }

    private int insertLock(StoreSession s, long id, Instant now) {
        try {
            // a savepoint keeps the transaction usable if the insert is refused by the primary key
            Savepoint sp = s.connection().setSavepoint();
            try {
                int n = s.locks().insert(pipeline.name(), id, Host.NAME, Host.PID, now);
                s.connection().releaseSavepoint(sp);
                return n;
            } catch (RuntimeException e) {
                s.connection().rollback(sp);
                return 0;
            }
        } catch (java.sql.SQLException e) {
            throw new StoreException("Cannot take the pipeline lock: " + e.getMessage(), e);
        }
    }

    /** Rolls back the transaction that created a run whose lock someone else took first. */
    private static final class LockTaken extends RuntimeException {
        LockTaken() {
            super(null, null, false, false);
        }
    }

    private long acquireNew(String fingerprint, String inputRef, String params,
                            Optional<LockRepository.LockRow> oldLock, Instant now) {
        Long id;
        try {
            id = createRunAndLock(fingerprint, inputRef, params, oldLock, now);
        } catch (LockTaken e) {
            id = null;
        }
        if (id == null) {
            throw new RunRefusedException(RunRefusedException.Reason.ACTIVE_RUN, "Another run of '" + pipeline.name()
                    + "' started at the same moment. Try again once it has finished.");
        }
        return id;
    }

    private Long createRunAndLock(String fingerprint, String inputRef, String params,
                                  Optional<LockRepository.LockRow> oldLock, Instant now) {
        return store.inTransaction(s -> {
            long newId = s.runs().create(pipeline.name(), now, Host.NAME, Host.PID, inputRef, fingerprint, params);
            int got = oldLock.isPresent()
                    ? s.locks().takeOver(pipeline.name(), oldLock.get().runId(), oldLock.get().pid(), newId, Host.NAME, Host.PID, now)
                    : insertLock(s, newId, now);
            if (got == 0) throw new LockTaken();
            return newId;
        });
    }

    /** Why {@code run} is abandoned, keeping the cause it had stopped with, so that on-call still sees the root cause. */
    public static String abandonReason(String reason, RunRow run) {
        String why = run.stopReason();
        return Fmt.truncate(why == null || why.isBlank() ? reason : reason + "; it had stopped: " + why, 4000);
    }

    private void restart(RunRow old, Instant now) {
        long removed = RunRollback.compensate(store, pipeline, old.runId(), now, "restart");
        store.useTransaction(s -> {
            s.runs().finish(old.runId(), RunStatus.ABANDONED.name(), now, "RESTART", abandonReason("abandoned by --restart after "
                    + "rolling back " + removed + " loaded rows", old));
            // the new run reads the same input again: the old run's quarantined records would be duplicates
            discardQuarantineOf(s, old.runId(), now);
        });
        LOG.info("Run {} of {} rolled back ({} rows) and abandoned; starting afresh", old.runId(), pipeline.name(), removed);
    }

    private static void discardQuarantineOf(StoreSession s, long oldRunId, Instant now) {
        try (var ps = s.connection().prepareStatement("UPDATE QUARANTINED_RECORDS SET STATUS = 'DISCARDED', "
                    + "DISCARD_REASON = ?, UPDATED_AT = ? WHERE RUN_ID = ? AND STATUS = 'QUARANTINED'")) {
                ps.setString(1, "superseded: run " + oldRunId + " was restarted");
                ps.setObject(2, java.sql.Timestamp.from(now));
                ps.setLong(3, oldRunId);
                ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new StoreException("Cannot discard the quarantined records of run " + oldRunId + ": " + e.getMessage(), e);
        }
    }

    private ScheduledExecutorService startHeartbeat() {
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "etl-heartbeat-" + runId);
            t.setDaemon(true);
            return t;
        });
        long ms = runner.heartbeatInterval().toMillis();
        ex.scheduleWithFixedDelay(() -> {
            try {
                Instant now = runner.clock().instant();
                store.useTransaction(s -> {
                    s.runs().heartbeat(runId, now);
                    s.locks().heartbeat(pipeline.name(), runId, Host.PID, now);
                });
            } catch (RuntimeException e) {
                LOG.debug("heartbeat failed: {}", redactor.redact(String.valueOf(e.getMessage())));
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
        return ex;
    }

    // ---------------------------------------------------------------------------------------------- steps

    private RunResult runSteps() {
        try {
            for (Pipeline.Setup setup : pipeline.setups()) store.useTransaction(s -> setup.prepare(s.connection()));
        } catch (Exception e) {
            return stop(RunStatus.FAILED, ErrorCategory.CONFIGURATION, "setup of pipeline '" + pipeline.name()
                    + "' failed: " + describe(e) + ". Fix the cause and run again.", null, e);
        }
        refreshBreakers(true);
        List<Step> steps = pipeline.steps();
        if (reprocessSource != null) {
            BatchStep<?> first = firstBatchStep();
            steps = List.of(first);
        }
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            try (LogContext.Scope sc = LogContext.put(LogContext.STEP, step.name())) {
                StepEnd end = step instanceof BatchStep<?> b ? runBatchStep(b, i) : runTaskStep((TaskStep) step, i);
                if (end != null) return end.result;
            } catch (StoreException e) {
                return stop(RunStatus.STOPPED, ErrorCategory.SYSTEM, e.getMessage(), step.name(), e);
            } catch (RuntimeException e) {
                return stop(RunStatus.FAILED, ErrorCategory.UNKNOWN, "step '" + step.name() + "' failed unexpectedly: "
                        + describe(e), step.name(), e);
            }
        }
        Instant now = runner.clock().instant();
        store.useTransaction(s -> {
            s.runs().finish(runId, RunStatus.SUCCEEDED.name(), now, null, null);
            s.locks().release(pipeline.name(), runId, Host.PID);
        });
        LOG.info("Run {} of {} succeeded: {} read, {} loaded, {} quarantined, {} retries", runId, pipeline.name(), read,
                loaded, quarantined, retries);
        return result(RunStatus.SUCCEEDED, null);
    }

    /** Adopts the breaker states other runs saved: always when {@code now}, else once per refresh interval. */
    private void refreshBreakers(boolean now) {
        Instant at = runner.clock().instant();
        if (now || breakersRefreshedAt == null
                || !at.isBefore(breakersRefreshedAt.plus(BREAKER_REFRESH_INTERVAL))) {
            runner.breakers().refresh();
            breakersRefreshedAt = at;
        }
    }

    /** Whether {@code run} was a run reprocessing quarantined records. */
    public static boolean isReprocessRun(RunRow run) {
        return Json.isReprocess(run.parameters());
    }

    private BatchStep<?> firstBatchStep() {
        for (Step s : pipeline.steps()) if (s instanceof BatchStep<?> b) return b;
        throw new IllegalStateException("pipeline '" + pipeline.name() + "' has no batch step to reprocess records through");
    }

    private record StepEnd(RunResult result) {
    }

    private ErrorRecoveryManager managerFor(RecoveryPolicies stepPolicies) {
        return ErrorRecoveryManager.builder()
                .classifier(runner.classifier())
                .policies(stepPolicies != null ? stepPolicies
                        : pipeline.policies().equals(RecoveryPolicies.defaults()) ? runner.policies() : pipeline.policies())
                .breakers(runner.breakers())
                .clock(runner.clock())
                .sleeper(runner.sleeper())
                .alertListener(runner.alertListener())
                .journal(journal)
                .build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private StepEnd runBatchStep(BatchStep<?> step, int stepIndex) throws StoreException {
        String stepName = step.name();
        Optional<CheckpointRow> latest = store.withSession(s -> s.checkpoints().latest(runId, stepName));
        if (latest.isPresent() && CheckpointRow.COMPLETED.equals(latest.get().stepStatus())) {
            LOG.info("Step {} already completed in run {}; skipping", stepName, runId);
            return null;
        }
        ErrorRecoveryManager manager = managerFor(step.policies());
        stageOptions = optionsOf(step);
        stageNames = step.stages().stream().map(st -> step.name() + ":" + st.name()).toList();
        CheckpointStrategy strategy = step.checkpointStrategy() != null ? step.checkpointStrategy()
                : runner.defaultCheckpointStrategy(options.batchSize() != null ? options.batchSize() : resumedBatchSize);
        Source<Object> source = (Source<Object>) (reprocessSource != null ? reprocessSource : step.source());
        sourceRef = Fmt.truncate(source.describe(), 2000);
        Source.Checkpoint resumeFrom = null;
        long batchNo = 1;
        StepCounts counts = new StepCounts();
        if (latest.isPresent()) {
            CheckpointRow c = latest.get();
            Json.Progress p = Json.readProgress(c.progressData());
            resumeFrom = new Source.Checkpoint(p.last(), p.sourceData());
            batchNo = c.batchNumber() + 1;
            counts.processed = c.recordsProcessed();
            counts.loaded = c.recordsLoaded();
            counts.quarantined = c.recordsQuarantined();
        }
        Duration maxDuration = options.maxDuration() != null ? options.maxDuration() : runner.maxDuration();
        ExecutorService pool = step.threads() > 1 ? Executors.newFixedThreadPool(step.threads(), r -> {
            Thread t = new Thread(r, "etl-" + stepName);
            t.setDaemon(true);
            return t;
        }) : null;
        Source.Cursor<Object> cursor;
        try {
            cursor = source.open(resumeFrom);
        } catch (Exception e) {
            return new StepEnd(stop(RunStatus.FAILED, ErrorCategory.CONFIGURATION, "cannot open the input of step '"
                    + stepName + "' (" + source.describe() + "): " + describe(e) + ". Check the path and permissions, "
                    + "then run again.", stepName, e));
        }
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "etl-commit-" + stepName);
            t.setDaemon(true);
            return t;
        });
        InFlight inFlight = null;
        try (cursor) {
            journal.drain();
            while (true) {
                if (maxDuration != null && Duration.between(started, runner.clock().instant()).compareTo(maxDuration) >= 0) {
                    StepEnd end = settle(inFlight, stepName);
                    inFlight = null;
                    if (end != null) return end;
                    return new StepEnd(stop(RunStatus.STOPPED, null, "maximum duration of " + maxDuration
                            + " reached; run again to resume after record " + counts.processed, stepName, null));
                }
                List<SourceRecord<Object>> records = readBatch(cursor, strategy);
                if (records.isEmpty()) break;
                Source.Checkpoint after = cursor.checkpoint();
                double fraction = cursor.fractionRead();
                BatchResult br;
                try (LogContext.Scope sc = LogContext.put(LogContext.BATCH, batchNo)) {
                    br = processBatch(step, manager, records, batchNo, pool);
                }
                // the previous batch has been committing meanwhile: it must be in before this one goes, or the run stops
                StepEnd end = settle(inFlight, stepName);
                inFlight = null;
                if (end != null) {
                    keepUncommittedActions(journal.drain()); // this batch is redone on resume; its breakers moved
                    return end;
                }
                if (br.stop != null) return new StepEnd(stopForFailure(br.stop, stepName));
                BatchJournal.Drained drained = journal.drain();
                describeFailures(br, source);
                long bn = batchNo;
                inFlight = new InFlight(writer.submit(() -> {
                    // the writer thread's log lines carry what the main thread's do
                    try (LogContext.Scope r = LogContext.put(LogContext.RUN_ID, runId);
                         LogContext.Scope p = LogContext.put(LogContext.PIPELINE, pipeline.name());
                         LogContext.Scope a = LogContext.put(LogContext.STEP, stepName);
                         LogContext.Scope b = LogContext.put(LogContext.BATCH, bn)) {
                        commitBatch(step, stepIndex, bn, br, drained, after, counts, manager, source);
                    }
                    return null;
                }), bn, fraction);
                batchNo++;
            }
            StepEnd end = settle(inFlight, stepName);
            inFlight = null;
            if (end != null) return end;
            long bn = batchNo;
            Instant now = runner.clock().instant();
            store.useTransaction(s -> s.checkpoints().insert(new CheckpointRow(0, runId, pipeline.name(), stepName,
                    stepIndex, bn, CheckpointRow.COMPLETED, 0, 0, 0, 0, 0, counts.processed, counts.loaded,
                    counts.quarantined, null, null, null, now)));
            return null;
        } catch (StopRun sr) {
            keepUncommittedActions(journal.drain());
            return new StepEnd(stop(sr.status, sr.category, sr.getMessage(), stepName, sr.getCause()));
        } catch (StoreException e) {
            throw e;
        } catch (Exception e) {
            // the source failed (an I/O error), or the batch in flight failed to commit with an unexpected error
            Throwable commitFailure = awaitQuietly(inFlight);
            if (commitFailure instanceof StopRun sr) {
                keepUncommittedActions(journal.drain());
                return new StepEnd(stop(sr.status, sr.category, sr.getMessage(), stepName, sr.getCause()));
            }
            if (commitFailure instanceof StoreException se) throw se;
            if (commitFailure != null) {
                keepUncommittedActions(journal.drain());
                return new StepEnd(stop(RunStatus.STOPPED, manager.classifier().classify(commitFailure).category(),
                        "writing batch " + inFlight.batchNo() + " of step '" + stepName + "' failed: "
                        + describe(commitFailure) + ". Nothing of this batch was committed; fix the cause and run again "
                        + "to resume.", stepName, commitFailure));
            }
            // the batch in flight committed before the read failed: it is reported, and judged, like any other
            if (inFlight != null) {
                StepEnd committedEnd = committed(inFlight, stepName);
                inFlight = null;
                if (committedEnd != null) return committedEnd;
            }
            return new StepEnd(stop(RunStatus.STOPPED, manager.classifier().classify(e).category(), "reading the input of step '"
                    + stepName + "' failed: " + describe(e) + ". Fix the cause and run again to resume.", stepName, e));
        } finally {
            awaitQuietly(inFlight); // only on an unexpected error: no commit may outlive its step
            writer.shutdownNow();
            if (pool != null) pool.shutdownNow();
        }
    }

    /**
     * A batch's commit, running on the step's writer thread while the main thread reads and processes
     * the next batch: the two overlap, yet batches commit one at a time and in order, each in its own transaction.
     */
    private record InFlight(Future<?> commit, long batchNo, double fraction) {
    }

    /**
     * Waits for the batch in flight to commit, then tells the listeners and checks the error threshold. A failure of
     * its commit is thrown here, on the main thread, as it was thrown there. Returns how the step ends, if it does.
     */
    private StepEnd settle(InFlight f, String stepName) throws Exception {
        if (f == null) return null;
        try {
            f.commit().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) throw ex;
            if (cause instanceof Error err) throw err;
            throw e;
        }
        return committed(f, stepName);
    }

    /** Tells the listeners that batch {@code f} committed and checks the error threshold; returns how the step ends. */
    private StepEnd committed(InFlight f, String stepName) {
        refreshBreakers(false);
        long bn = f.batchNo();
        List<String> open = runner.breakers().breakers().stream()
                .filter(b -> b.state() == CircuitBreaker.State.OPEN).map(CircuitBreaker::name).toList();
        notify(l -> l.onBatchCommitted(new RunListener.BatchCommitted(runId, pipeline.name(), stepName, bn, read,
                loaded, quarantined, retries, f.fraction(), open)));
        // records fed from the quarantine are expected to fail again: a threshold would stop at the same first ones
        if (reprocessSource == null && read >= runner.errorThresholdMinRecords()
                && quarantined > runner.errorThreshold() * read) {
            String msg = String.format("error threshold passed: %d of %d records (%.1f%%) failed, more than "
                            + "the %.1f%% allowed. This looks systemic (a changed file layout, a broken dependency): "
                            + "look at 'patterns --pipeline %s', fix the cause, then run again to resume.",
                    quarantined, read, 100.0 * quarantined / read, 100 * runner.errorThreshold(), pipeline.name());
            safeAlert(new Alert(Alert.Level.CRITICAL, Alert.Kind.ERROR_THRESHOLD, pipeline.name(), runId, msg,
                    runner.clock().instant()));
            return new StepEnd(stop(RunStatus.STOPPED, ErrorCategory.DATA, msg, stepName, null));
        }
        return null;
    }

    /** Waits for the batch in flight, if any, and returns what its commit threw (null if it committed). */
    private static Throwable awaitQuietly(InFlight f) {
        if (f == null) return null;
        try {
            f.commit().get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private List<SourceRecord<Object>> readBatch(Source.Cursor<Object> cursor, CheckpointStrategy strategy) throws Exception {
        List<SourceRecord<Object>> records = new ArrayList<>();
        Instant first = null;
        while (true) {
            SourceRecord<Object> r = cursor.next();
            if (r == null) return records;
            if (first == null) first = runner.clock().instant();
            records.add(r);
            if (strategy.isComplete(new CheckpointStrategy.BatchProgress(records.size(),
                    Duration.between(first, runner.clock().instant()), r))) {
                return records;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- process

    /** What happened to one record. */
    private static final class RecordResult {
        final SourceRecord<Object> record;
        Object value;              // the survivor, when loaded
        boolean filtered;
        Classification failedClassification; // quarantined: why
        Throwable failedError;
        String failedStep;
        int attempts;
        /** Attempts beyond the first, summed over the stages. */
        int retries;
        CallOutcome.Failed<?> stop;  // the run must stop
        FailureText text;            // its failure as the store's rows say it, once worked out

        RecordResult(SourceRecord<Object> record) {
            this.record = record;
        }
    }

    /**
     * A processed batch, with its records sorted once on the main thread, so that the per-batch code after it loops over
     * the few that failed rather than over all of them (the JIT then compiles small loops, not the whole commit path).
     */
    private static final class BatchResult {
        final List<RecordResult> results;
        /** Records to load, in input order. */
        final List<RecordResult> survivors = new ArrayList<>();
        /** Records a processor failed that go to quarantine (not those that stop the run). */
        final List<RecordResult> failed = new ArrayList<>();
        /** Survivors the sink refused one by one, in a batch written record by record; set inside its transaction. */
        final List<RecordResult> refused = new ArrayList<>();
        long filtered;
        CallOutcome.Failed<?> stop;
        String stopStep;
        long retries;

        BatchResult(List<RecordResult> results) {
            this.results = results;
        }

        long quarantined() {
            return failed.size() + refused.size();
        }
    }

    private BatchResult processBatch(BatchStep<?> step, ErrorRecoveryManager manager, List<SourceRecord<Object>> records,
                                     long batchNo, ExecutorService pool) throws Exception {
        List<RecordResult> results = new ArrayList<>(records.size());
        for (SourceRecord<Object> r : records) results.add(new RecordResult(r));
        if (pool == null) {
            for (RecordResult rr : results) {
                processRecord(step, manager, rr, batchNo);
                if (rr.stop != null) break;
            }
        } else {
            List<Future<?>> futures = new ArrayList<>(results.size());
            for (RecordResult rr : results) futures.add(pool.submit(() -> processRecord(step, manager, rr, batchNo)));
            for (Future<?> f : futures) f.get();
        }
        BatchResult br = new BatchResult(results);
        for (RecordResult rr : results) {
            br.retries += rr.retries;
            if (rr.stop != null) {
                if (br.stop == null) {
                    br.stop = rr.stop;
                    br.stopStep = rr.failedStep;
                }
            } else if (rr.failedClassification != null) {
                br.failed.add(rr);
            } else if (rr.filtered) {
                br.filtered++;
            } else if (rr.value != null) {
                br.survivors.add(rr);
            }
        }
        return br;
    }

    /** Works out the failure text of a batch's failed records, before the batch goes to the writer thread. */
    private void describeFailures(BatchResult br, Source<Object> source) {
        for (RecordResult rr : br.failed) failureText(rr, source);
    }

    private void processRecord(BatchStep<?> step, ErrorRecoveryManager manager, RecordResult rr, long batchNo) {
        SourceRecord<Object> rec = rr.record;
        if (!rec.isParsed()) {
            rr.failedClassification = manager.classifier().classify(rec.parseError());
            if (rr.failedClassification.category() != ErrorCategory.DATA) {
                // an unparseable record is bad data whatever its exception says
                rr.failedClassification = new Classification(ErrorCategory.DATA, io.etlrecovery.recovery.ErrorType.CORRUPTED_DATA,
                        io.etlrecovery.recovery.Severity.MEDIUM, true,
                        "The record could not be parsed: fix its text in the export and reprocess it.", "parse");
            }
            rr.failedError = rec.parseError();
            rr.failedStep = step.name() + ":read";
            rr.attempts = 1;
            return;
        }
        Object value = rec.value();
        String position = rec.position().toString();
        List<BatchStep.Stage> stages = step.stages();
        for (int i = 0; i < stages.size(); i++) {
            BatchStep.Stage stage = stages.get(i);
            CallOptions<Object> stageCall = stageOptions.get(i);
            String ctxStep = stageNames.get(i);
            ErrorContext ctx = new ErrorContext(pipeline.name(), runId, ctxStep, batchNo, position);
            Object in = value;
            CallOptions<Object> options = stage.fallback() == null ? stageCall
                    : stageCall.withFallback(failure -> stage.fallback().apply(in, failure));
            CallOutcome<Object> out = manager.attempt(options, ctx, () -> stage.processor().process(in));
            rr.attempts = out.attempts(); // of the stage that failed, if one does
            rr.retries += Math.max(0, out.attempts() - 1);
            if (out instanceof CallOutcome.Succeeded<Object> s) {
                value = s.value();
            } else if (out instanceof CallOutcome.FellBack<Object> f) {
                value = f.value();
            } else {
                CallOutcome.Failed<Object> failed = (CallOutcome.Failed<Object>) out;
                rr.failedStep = ctxStep;
                rr.failedError = failed.lastError();
                rr.failedClassification = failed.classification();
                if (failed.decision() != Decision.QUARANTINE) rr.stop = failed;
                return;
            }
            if (value == null) {
                rr.filtered = true;
                return;
            }
        }
        rr.value = value;
    }

    /** Each stage's call options, with the runner's call timeout where the stage sets none. */
    private List<CallOptions<Object>> optionsOf(BatchStep<?> step) {
        Duration timeout = runner.callTimeout();
        List<CallOptions<Object>> options = new ArrayList<>();
        for (BatchStep.Stage stage : step.stages()) {
            CallOptions<Object> own = stage.options();
            options.add(timeout == null || own.timeout().isPresent() ? own : own.toBuilder().timeout(timeout).build());
        }
        return List.copyOf(options);
    }

    // ---------------------------------------------------------------------------------------------- commit

    private static final class StepCounts {
        long processed;
        long loaded;
        long quarantined;
    }

    private void commitBatch(BatchStep<?> step, int stepIndex, long batchNo, BatchResult br, BatchJournal.Drained drained,
                             Source.Checkpoint after, StepCounts counts, ErrorRecoveryManager manager,
                             Source<Object> source) {
        Instant now = runner.clock().instant();
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                commitOnce(step, stepIndex, batchNo, br, drained, after, counts, now, source, false);
                break;
            } catch (SinkFailure sf) {
                Classification c = manager.classifier().classify(sf.getCause());
                if (c.category() == ErrorCategory.DATA) {
                    // one bad record must not cost its neighbours: write them one by one under savepoints
                    try {
                        commitOnce(step, stepIndex, batchNo, br, drained, after, counts, now, source, true);
                    } catch (SinkFailure again) { // refused for a reason other than its data
                        throw writeFailed(manager.classifier().classify(again.getCause()), batchNo, step.name(), again);
                    }
                    break;
                }
                if (c.category() == ErrorCategory.TRANSIENT) {
                    // the whole batch is retried under the step's TRANSIENT policy (bounded by attempts and time)
                    RetryPolicy retry = manager.policies().get(ErrorCategory.TRANSIENT).retry();
                    Duration delay = retry.delayBefore(attempt, ThreadLocalRandom.current());
                    Duration elapsed = Duration.between(now, runner.clock().instant());
                    if (retry.allowsAnotherAttempt(attempt, elapsed, delay)) {
                        LOG.warn("Writing batch {} of step '{}' failed ({}); retry {} in {} ms", batchNo, step.name(),
                                describe(sf.getCause()), attempt, delay.toMillis());
                        sleepQuietly(delay);
                        continue;
                    }
                }
                throw writeFailed(c, batchNo, step.name(), sf);
            }
        }
        long failed = br.quarantined();
        // like the error threshold: records fed from the quarantine are expected to fail again, which is no alarm
        if (reprocessSource == null) rateMonitor.record(br.results.size() - failed, failed);
    }

    /** The stop for a batch whose sink failed as {@code c} says: nothing of it was committed. */
    private StopRun writeFailed(Classification c, long batchNo, String step, SinkFailure sf) {
        return new StopRun(c.category() == ErrorCategory.CONFIGURATION ? RunStatus.FAILED : RunStatus.STOPPED,
                c.category(), "writing batch " + batchNo + " of step '" + step + "' failed: " + describe(sf.getCause())
                + ". Nothing of this batch was committed; fix the cause and run again to resume.", sf.getCause());
    }

    /** The sink threw: carries the cause out of the transaction, which rolls back. */
    private static final class SinkFailure extends RuntimeException {
        SinkFailure(Throwable cause) {
            super(cause);
        }
    }

    /** Stops the run from inside a batch. */
    private static final class StopRun extends RuntimeException {
        final RunStatus status;
        final ErrorCategory category;

        StopRun(RunStatus status, ErrorCategory category, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
            this.category = category;
        }
    }

    private void commitOnce(BatchStep<?> step, int stepIndex, long batchNo, BatchResult br, BatchJournal.Drained drained, Source.Checkpoint after, StepCounts counts, Instant now,
                            Source<Object> source, boolean scan) {
        try {
            commitTransaction(step, stepIndex, batchNo, br, drained, after, counts, now, source, scan);
        } catch (java.sql.SQLException e) {
            throw new StoreException.Unavailable("Committing batch " + batchNo + " failed: " + e.getMessage()
                    + ". The batch was rolled back; run again to resume.", e);
        }
    }

    private void commitTransaction(BatchStep<?> step, int stepIndex, long batchNo, BatchResult br,
                                   BatchJournal.Drained drained, Source.Checkpoint after,
                                   StepCounts counts, Instant now, Source<Object> source, boolean scan)
            throws java.sql.SQLException {
        long[] committed = new long[2]; // loaded, filtered: known only inside the transaction
        List<RecordResult> survivors = br.survivors;
        store.useTransaction(s -> {
            Sink.WriteContext wc = writeContext(s.connection(), step.name(), batchNo);
            br.refused.clear();
            long batchLoaded = 0;
            if (!survivors.isEmpty()) {
                if (!scan) {
                    try {
                        step.sink().write(valuesOf(survivors), wc);
                    } catch (Exception e) {
                        throw new SinkFailure(e); // rolls the whole batch back
                    }
                    batchLoaded = survivors.size();
                } else {
                    for (RecordResult rr : survivors) {
                        Savepoint sp = s.connection().setSavepoint();
                        try {
                            step.sink().write(List.of(rr.value), wc);
                            s.connection().releaseSavepoint(sp);
                            batchLoaded++;
                        } catch (Exception e) {
                            s.connection().rollback(sp);
                            Classification c = runner.classifier().classify(e);
                            if (c.category() != ErrorCategory.DATA) throw new SinkFailure(e);
                            rr.failedClassification = c;
                            rr.failedError = e;
                            rr.failedStep = step.name() + ":write";
                            rr.attempts = Math.max(1, rr.attempts);
                            br.refused.add(rr);
                        }
                    }
                }
            }
            writeRecords(s, step, batchNo, br, drained, source, now);
            long batchQuarantined = br.quarantined();
            long batchFiltered = br.filtered;
            SourceRecord<Object> last = br.results.get(br.results.size() - 1).record;
            long newProcessed = counts.processed + br.results.size();
            long newLoaded = counts.loaded + batchLoaded;
            long newQuarantined = counts.quarantined + batchQuarantined;
            s.checkpoints().insert(new CheckpointRow(0, runId, pipeline.name(), step.name(), stepIndex, batchNo,
                    CheckpointRow.IN_PROGRESS, br.results.size(), batchLoaded, batchQuarantined, batchFiltered, br.retries,
                    newProcessed, newLoaded, newQuarantined, last.position().recordNumber(), last.position().toString(),
                    Json.progress(after.last() != null ? after.last() : last.position(), after.data()), now));
            s.runs().addCounts(runId, br.results.size(), batchLoaded, batchQuarantined, batchFiltered, br.retries, 1,
                    step.name(), now);
            s.locks().heartbeat(pipeline.name(), runId, Host.PID, now);
            committed[0] = batchLoaded;
            committed[1] = batchFiltered;
        });
        // only once the transaction committed do the in-memory totals move
        long batchQuarantined = br.quarantined();
        counts.processed += br.results.size();
        counts.loaded += committed[0];
        counts.quarantined += batchQuarantined;
        read += br.results.size();
        loaded += committed[0];
        quarantined += batchQuarantined;
        filtered += committed[1];
        retries += br.retries;
    }

    private static List<Object> valuesOf(List<RecordResult> survivors) {
        List<Object> values = new ArrayList<>(survivors.size());
        for (RecordResult rr : survivors) values.add(rr.value);
        return values;
    }

    private Sink.WriteContext writeContext(Connection c, String step, long batchNo) {
        long id = runId;
        String name = pipeline.name();
        return new Sink.WriteContext() {
            @Override public Connection connection() { return c; }
            @Override public long runId() { return id; }
            @Override public String pipeline() { return name; }
            @Override public String step() { return step; }
            @Override public long batchNumber() { return batchNo; }
        };
    }

    /** Writes a batch's error, attempt, quarantine, action and pattern rows: a few JDBC batches, no per-record trip. */
    private void writeRecords(StoreSession s, BatchStep<?> step, long batchNo, BatchResult br, BatchJournal.Drained drained,
                              Source<Object> source, Instant now) {
        List<ErrorRow> errors = new ArrayList<>();
        List<List<AttemptRecord>> attempts = new ArrayList<>();
        Map<String, Integer> errorIndexByRecord = new HashMap<>();
        for (FailureRecord f : drained.failures()) {
            if (f.outcome() == FailureRecord.Outcome.RUN_STOPPED || f.outcome() == FailureRecord.Outcome.CIRCUIT_OPEN) continue;
            if (neverCalled(f)) continue;
            errors.add(errorRow(f, batchNo));
            attempts.add(f.attempts());
            if (f.outcome() == FailureRecord.Outcome.QUARANTINED) {
                errorIndexByRecord.put(f.context().step() + "|" + f.context().recordPosition(), errors.size() - 1);
            }
        }
        // failures the journal did not see: unparseable records and records the sink refused
        List<RecordResult> quarantined = new ArrayList<>(br.failed);
        quarantined.addAll(br.refused);
        for (RecordResult rr : quarantined) {
            String key = rr.failedStep + "|" + rr.record.position();
            if (errorIndexByRecord.containsKey(key)) continue;
            errors.add(directErrorRow(rr, batchNo, now, source));
            attempts.add(List.of());
            errorIndexByRecord.put(key, errors.size() - 1);
        }
        long[] ids = insertErrors(s, errors, attempts);

        List<QuarantineRow> quarantineRows = new ArrayList<>(quarantined.size());
        for (RecordResult rr : quarantined) {
            Integer idx = errorIndexByRecord.get(rr.failedStep + "|" + rr.record.position());
            quarantineRows.add(quarantineRow(rr, step, batchNo, idx == null ? null : ids[idx], source, now));
        }
        if (reprocessHooks != null) {
            List<Position> loadedPositions = new ArrayList<>(br.survivors.size());
            for (RecordResult rr : br.survivors) {
                if (rr.failedClassification == null) loadedPositions.add(rr.record.position()); // not refused
            }
            if (!loadedPositions.isEmpty()) reprocessHooks.loaded(s, loadedPositions, runId, now);
            if (!quarantineRows.isEmpty()) quarantineRows = reprocessHooks.failedAgain(s, quarantineRows);
        }
        if (!quarantineRows.isEmpty()) s.quarantine().insertAll(quarantineRows);
        insertActions(s, drained.actions());
        recordPatterns(s, errors, now);
    }

    /**
     * ERROR_DETAILS rows and, linked to them, the RETRY_ATTEMPTS of those that were retried: two JDBC batches.
     * Returns the error ids.
     */
    private long[] insertErrors(StoreSession s, List<ErrorRow> errors, List<List<AttemptRecord>> attempts) {
        long[] ids = errors.isEmpty() ? new long[0] : s.errors().insertErrors(errors);
        List<AttemptRow> attemptRows = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (attempts.get(i).size() < 2) continue; // a failure that was not retried is its ERROR_DETAILS row alone
            for (AttemptRecord a : attempts.get(i)) {
                attemptRows.add(new AttemptRow(null, ids[i], runId, a.attempt(), a.delayBeforeMillis(), a.outcome().name(),
                        Fmt.truncate(a.exceptionClass(), 500), Fmt.truncate(a.message(), 4000), a.at())); // column sizes
            }
        }
        if (!attemptRows.isEmpty()) s.errors().insertAttempts(attemptRows);
        return ids;
    }

    private void insertActions(StoreSession s, List<RecoveryActionRecord> records) {
        List<ActionRow> actions = new ArrayList<>(records.size());
        for (RecoveryActionRecord a : records) {
            // each quarantined record is recorded, with its reason and error, in QUARANTINED_RECORDS
            if (a.action() == RecoveryActionRecord.Action.QUARANTINED) continue;
            actions.add(new ActionRow(null, runId, null, pipeline.name(), a.context().step(), a.action().name(),
                    Fmt.truncate(a.target(), 300), Fmt.truncate(a.detail(), 4000), "DONE", a.at()));
        }
        if (!actions.isEmpty()) s.actions().insertAll(actions);
    }

    /** Keeps ERROR_PATTERNS current: one delta per distinct fingerprint among {@code errors}, in a few JDBC batches. */
    private void recordPatterns(StoreSession s, List<ErrorRow> errors, Instant now) {
        Map<String, PatternRow> deltas = new LinkedHashMap<>();
        for (ErrorRow e : errors) {
            PatternRow prev = deltas.get(e.fingerprint());
            String normalized = prev != null ? prev.normalizedMessage()
                    : Fmt.truncate(ErrorFingerprint.normalize(e.message()), 4000); // the same for a fingerprint
            long n = prev == null ? 1 : prev.occurrences() + 1;
            deltas.put(e.fingerprint(), new PatternRow(null, pipeline.name(), e.fingerprint(), e.stepName(), e.category(),
                    e.errorType(), e.exceptionClass(), normalized, e.message(), n, e.occurredAt(), e.occurredAt(), 1, runId,
                    e.recommendation()));
        }
        s.patterns().recordAll(new ArrayList<>(deltas.values()), LocalDate.ofInstant(now, ZoneOffset.UTC));
    }

    private ErrorRow errorRow(FailureRecord f, long batchNo) {
        Classification c = f.classification();
        Long recordNumber = null;
        return new ErrorRow(null, runId, pipeline.name(), f.context().step(), batchNo, f.context().recordPosition(),
                recordNumber, f.exceptionClass(), Fmt.truncate(f.message(), 4000), Fmt.truncate(f.stackDigest(), 8000),
                c.category().name(), c.type().name(), c.severity().name(), c.recoverable(), f.fingerprint(),
                Fmt.truncate(c.remediation(), 2000), f.attemptCount(), f.outcome().name(), f.occurredAt());
    }

    private ErrorRow directErrorRow(RecordResult rr, long batchNo, Instant now, Source<Object> source) {
        Classification c = rr.failedClassification;
        FailureText t = failureText(rr, source);
        return new ErrorRow(null, runId, pipeline.name(), rr.failedStep, batchNo, rr.record.position().toString(),
                rr.record.position().recordNumber(), t.exceptionClass(), t.message(),
                Fmt.truncate(redactor.redactedStackDigest(rr.failedError, DIGEST_FRAMES), 8000), c.category().name(),
                c.type().name(), c.severity().name(), c.recoverable(), t.fingerprint(), Fmt.truncate(c.remediation(), 2000),
                Math.max(1, rr.attempts), FailureRecord.Outcome.QUARANTINED.name(), now);
    }

    private QuarantineRow quarantineRow(RecordResult rr, BatchStep<?> step, long batchNo, Long errorId,
                                        Source<Object> source, Instant now) {
        SourceRecord<Object> rec = rr.record;
        Classification c = rr.failedClassification;
        FailureText t = failureText(rr, source);
        return new QuarantineRow(null, runId, pipeline.name(), rr.failedStep, batchNo, rec.position().recordNumber(),
                rec.position().lineNumber() == 0 ? null : rec.position().lineNumber(), rec.position().key(),
                sourceRef, Fmt.truncate(rec.raw(), 1_000_000), t.parsedFields(),
                errorId, t.exceptionClass(), t.message(), c.category().name(), c.type().name(), t.fingerprint(),
                Math.max(1, rr.attempts), QuarantineRow.QUARANTINED, null, null, now, now);
    }

    /** A failed record's exception, redacted message, fingerprint and parsed fields (JSON), as its rows store them. */
    private record FailureText(String exceptionClass, String message, String fingerprint, String parsedFields) {
    }

    /**
     * Works out {@code rr}'s failure text once: for the records a batch's processors failed, on the main thread before
     * the batch is handed to the writer thread, which then only writes; for records the sink refuses, on the writer.
     */
    private FailureText failureText(RecordResult rr, Source<Object> source) {
        if (rr.text == null) {
            SourceRecord<Object> rec = rr.record;
            String parsed = null;
            if (rec.isParsed()) {
                try {
                    parsed = Fmt.truncate(Json.fields(source.codec().toFields(rec.value())), 1_000_000);
                } catch (RuntimeException e) {
                    parsed = null; // the raw text is what reprocessing needs; fields are a convenience
                }
            }
            String message = Fmt.truncate(redactor.redact(String.valueOf(rr.failedError.getMessage())), 4000);
            String exClass = rr.failedError.getClass().getName();
            rr.text = new FailureText(exClass, message,
                    ErrorFingerprint.of(rr.failedClassification.category(), exClass, rr.failedStep, message), parsed);
        }
        return rr.text;
    }

    // ---------------------------------------------------------------------------------------------- tasks

    private StepEnd runTaskStep(TaskStep step, int stepIndex) {
        Optional<CheckpointRow> latest = store.withSession(s -> s.checkpoints().latest(runId, step.name()));
        if (latest.isPresent() && CheckpointRow.COMPLETED.equals(latest.get().stepStatus())) {
            LOG.info("Step {} already completed in run {}; skipping", step.name(), runId);
            return null;
        }
        ErrorRecoveryManager manager = managerFor(null);
        ErrorContext ctx = ErrorContext.of(pipeline.name(), runId, step.name());
        journal.drain();
        long batchNo = latest.map(c -> c.batchNumber() + 1).orElse(1L);
        CallOutcome<Object> out = manager.attempt(step.options(), ctx, () -> {
            Instant now = runner.clock().instant();
            store.useTransaction(s -> {
                long id = runId;
                step.task().run(new TaskStep.TaskContext() {
                    @Override public Connection connection() { return s.connection(); }
                    @Override public long runId() { return id; }
                    @Override public String pipeline() { return pipeline.name(); }
                });
                s.checkpoints().insert(new CheckpointRow(0, runId, pipeline.name(), step.name(), stepIndex, batchNo,
                        CheckpointRow.COMPLETED, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, now));
            });
            return Boolean.TRUE;
        });
        BatchJournal.Drained drained = journal.drain();
        writeJournalOnly(drained, batchNo);
        if (out instanceof CallOutcome.Failed<Object> f) {
            RunStatus status = f.decision() == Decision.STOP_RUN && f.classification().category() != ErrorCategory.SYSTEM
                    ? RunStatus.FAILED : RunStatus.STOPPED;
            return new StepEnd(stop(status, f.classification().category(), "task step '" + step.name() + "' failed after "
                    + f.attempts() + " attempt(s): " + describe(f.lastError()) + ". " + f.classification().remediation(),
                    step.name(), null));
        }
        retries += Math.max(0, out.attempts() - 1);
        return null;
    }

    /**
     * A call an open breaker refused before it was ever made did not fail: the fallback it got is recorded as a
     * recovery action (FALLBACK_USED), and the failures that opened the breaker as errors.
     */
    private static boolean neverCalled(FailureRecord f) {
        return f.classification().type() == io.etlrecovery.recovery.ErrorType.CIRCUIT_OPEN && f.attemptCount() == 0;
    }

    /** Error and action rows outside a batch (task steps, stops), in their own transaction. */
    private void writeJournalOnly(BatchJournal.Drained drained, long batchNo) {
        if (drained.failures().isEmpty() && drained.actions().isEmpty()) return;
        try {
            store.useTransaction(s -> {
                List<ErrorRow> errors = new ArrayList<>();
                List<List<AttemptRecord>> attempts = new ArrayList<>();
                for (FailureRecord f : drained.failures()) {
                    if (neverCalled(f) && f.outcome() == FailureRecord.Outcome.FALLBACK_USED) continue;
                    errors.add(errorRow(f, batchNo));
                    attempts.add(f.attempts());
                }
                insertErrors(s, errors, attempts);
                insertActions(s, drained.actions());
                recordPatterns(s, errors, runner.clock().instant());
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not record the failure of run {}: {}", runId, redactor.redact(String.valueOf(e.getMessage())));
        }
    }

    // ---------------------------------------------------------------------------------------------- stop

    /**
     * Records the breaker transitions and escalations of a batch that is not committed: they happened, and the breaker
     * states are stored, whereas the batch's failures are redone on resume.
     */
    private void keepUncommittedActions(BatchJournal.Drained drained) {
        writeJournalOnly(new BatchJournal.Drained(List.of(), breakerActions(drained)), 0);
    }

    private static List<RecoveryActionRecord> breakerActions(BatchJournal.Drained drained) {
        List<RecoveryActionRecord> actions = new ArrayList<>();
        for (RecoveryActionRecord a : drained.actions()) {
            if (a.action().name().startsWith("BREAKER_") || a.action() == RecoveryActionRecord.Action.ESCALATED) actions.add(a);
        }
        return actions;
    }

    private RunResult stopForFailure(CallOutcome.Failed<?> failed, String stepName) {
        BatchJournal.Drained drained = journal.drain();
        // the batch is not committed: keep only the failure that stops the run, the rest is redone on resume
        List<FailureRecord> stopping = new ArrayList<>();
        for (FailureRecord f : drained.failures()) {
            if (f.outcome() == FailureRecord.Outcome.RUN_STOPPED || f.outcome() == FailureRecord.Outcome.CIRCUIT_OPEN) {
                stopping.add(f);
                break;
            }
        }
        writeJournalOnly(new BatchJournal.Drained(stopping, breakerActions(drained)), 0);
        Classification c = failed.classification();
        boolean circuit = failed.decision() == Decision.CIRCUIT_OPEN_STOP;
        RunStatus status = circuit || c.category() == ErrorCategory.SYSTEM || c.category() == ErrorCategory.TRANSIENT
                ? RunStatus.STOPPED : RunStatus.FAILED;
        String msg = circuit
                ? "a dependency is down: " + describe(failed.lastError()) + ". No record was quarantined for it; run again "
                + "to resume once it is back (or give the step a fallback)."
                : c.category() + " failure in step '" + stepName + "': " + describe(failed.lastError()) + ". " + c.remediation();
        return stop(status, c.category(), msg, stepName, null);
    }

    private RunResult stop(RunStatus status, ErrorCategory category, String message, String stepName, Throwable error) {
        String msg = Fmt.truncate(redactor.redact(message), 4000);
        Instant now = runner.clock().instant();
        // a failing store may lose even a write that seemed to commit (a full disk): the lock may outlive this run
        boolean orphaned = error instanceof StoreException || category == ErrorCategory.SYSTEM;
        try {
            store.useTransaction(s -> {
                s.runs().finish(runId, status.name(), now, category == null ? "LIMIT" : category.name(), msg);
                s.actions().insertAll(List.of(new ActionRow(null, runId, null, pipeline.name(), stepName, "RUN_STOPPED",
                        pipeline.name(), msg, "DONE", now)));
                s.locks().release(pipeline.name(), runId, Host.PID);
            });
        } catch (RuntimeException e) {
            orphaned = true;
            LOG.warn("Could not record the end of run {} (the store failed too: {}); it will be seen as crashed and "
                    + "resumed by the next run", runId, redactor.redact(String.valueOf(e.getMessage())));
        }
        if (orphaned) ORPHANED_LOCKS.add(lockKey(runId));
        if (category == ErrorCategory.CONFIGURATION || category == ErrorCategory.SYSTEM) {
            safeAlert(new Alert(Alert.Level.CRITICAL, Alert.Kind.RUN_STOPPED, pipeline.name(), runId, msg, now));
        }
        if (error != null) LOG.debug("run {} stopped", runId, error);
        LOG.warn("Run {} of {} {}: {}", runId, pipeline.name(), status == RunStatus.STOPPED ? "stopped" : "failed", msg);
        return result(status, msg);
    }

    private RunResult result(RunStatus status, String reason) {
        Map<String, Long> byCategory;
        try {
            byCategory = store.withSession(s -> s.quarantine().countByCategory(runId));
        } catch (RuntimeException e) {
            byCategory = Map.of();
        }
        return new RunResult(runId, pipeline.name(), status, resumed, resumedFromRecord, read, loaded, quarantined,
                filtered, retries, byCategory, Duration.between(started, runner.clock().instant()), reason);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private void safeAlert(Alert alert) {
        try {
            runner.alertListener().onAlert(alert);
        } catch (RuntimeException e) {
            LOG.warn("alert listener failed: {}", redactor.redact(String.valueOf(e.getMessage())));
        }
    }

    private void notify(java.util.function.Consumer<RunListener> call) {
        for (RunListener l : runner.listeners()) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("run listener {} failed: {}", l.getClass().getName(), redactor.redact(String.valueOf(e.getMessage())));
            }
        }
    }

    private String describe(Throwable e) {
        if (e == null) return "";
        Throwable t = e;
        if (t instanceof StopRun || t instanceof SinkFailure) t = t.getCause();
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + redactor.redact(firstLine(m)));
    }

    private void sleepQuietly(Duration d) {
        try {
            runner.sleeper().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }


    /** Whether {@code s} is a compensable sink or task; used by rollback. */
    static Compensable compensationOf(Step s) {
        if (s instanceof BatchStep<?> b && b.sink() instanceof Compensable c) {
            // a JdbcSink without a run column cannot tell which rows a run loaded
            if (b.sink() instanceof JdbcSink<?> j && !j.canCompensate()) return null;
            return c;
        }
        if (s instanceof TaskStep t) return t.compensation();
        return null;
    }
}
