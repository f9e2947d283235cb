package io.etlrecovery.runner;

import io.etlrecovery.EtlRecoveryException;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.runner.internal.Host;
import io.etlrecovery.runner.internal.RunRollback;
import io.etlrecovery.store.ActionRow;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Looking after runs that already exist: list them, abandon one, or roll back what one loaded.
 * {@code Runs.on(store)}.
 */
public final class Runs {
    private final Store store;
    private final Clock clock;

    private Runs(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public static Runs on(Store store) {
        return new Runs(Objects.requireNonNull(store, "store"), Clock.systemUTC());
    }

    public Runs withClock(Clock c) {
        return new Runs(store, Objects.requireNonNull(c, "clock"));
    }

    /** The newest runs first, optionally of one pipeline and status, started at or after {@code since}. */
    public List<RunRow> list(String pipeline, RunStatus status, Instant since, int limit) {
        return store.withSession(s -> s.runs().list(pipeline, status == null ? null : status.name(),
                since == null ? Instant.EPOCH : since, limit));
    }

    public Optional<RunRow> find(long runId) {
        return store.withSession(s -> s.runs().find(runId));
    }

    /** Marks an unfinished run ABANDONED so that it is never resumed; refuses a run whose process is alive. */
    public RunRow abandon(long runId, String reason) {
        RunRow run = require(runId);
        if (!RunStatus.valueOf(run.status()).isResumable()) {
            throw new EtlRecoveryException("Run " + runId + " is " + run.status() + ": only an unfinished run can be abandoned.");
        }
        refuseIfAlive(run);
        Instant now = clock.instant();
        store.useTransaction(s -> {
            s.runs().finish(runId, RunStatus.ABANDONED.name(), now, "ABANDONED",
                    io.etlrecovery.runner.internal.RunExecution.abandonReason(reason, run));
            s.locks().releaseRun(run.pipeline(), runId);
            s.actions().insertAll(List.of(new ActionRow(null, runId, null, run.pipeline(), null, "RUN_ABANDONED",
                    run.pipeline(), reason, "DONE", now)));
        });
        return require(runId);
    }

    /**
     * Removes what run {@code runId} loaded (each step's compensation in reverse order, in one transaction) and
     * marks it ROLLED_BACK. Its quarantined records are kept. Returns the number of rows removed.
     */
    public long rollback(Pipeline pipeline, long runId) {
        RunRow run = require(runId);
        if (!run.pipeline().equals(pipeline.name())) {
            throw new EtlRecoveryException("Run " + runId + " belongs to pipeline '" + run.pipeline() + "', not '"
                    + pipeline.name() + "'.");
        }
        if (run.status().equals(RunStatus.ROLLED_BACK.name())) {
            throw new EtlRecoveryException("Run " + runId + " is already rolled back.");
        }
        refuseIfAlive(run);
        Instant now = clock.instant();
        long removed = RunRollback.compensate(store, pipeline, runId, now, "rollback requested");
        store.useTransaction(s -> {
            s.runs().finish(runId, RunStatus.ROLLED_BACK.name(), now, "ROLLBACK", "rolled back: " + removed + " rows removed");
            s.locks().releaseRun(run.pipeline(), runId);
        });
        return removed;
    }

    private void refuseIfAlive(RunRow run) {
        if (run.status().equals(RunStatus.RUNNING.name()) && run.host().equals(Host.NAME) && Host.isAlive(run.pid())
                && run.pid() != Host.PID) {
            throw new EtlRecoveryException("Run " + run.runId() + " is still running (pid " + run.pid() + " on "
                    + run.host() + "). Stop that process first.");
        }
    }

    private RunRow require(long runId) {
        return find(runId).orElseThrow(() -> new EtlRecoveryException("There is no run " + runId
                + " in this store. 'runs list' shows the runs."));
    }
}
