package io.etlrecovery.quarantine.internal;

import io.etlrecovery.internal.Fmt;
import io.etlrecovery.pipeline.BatchStep;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.RecordCodec;
import io.etlrecovery.pipeline.Step;
import io.etlrecovery.quarantine.QuarantineException;
import io.etlrecovery.quarantine.ReprocessRequest;
import io.etlrecovery.quarantine.ReprocessResult;
import io.etlrecovery.recovery.Redactor;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunOptions;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.runner.RunStatus;
import io.etlrecovery.runner.internal.RunExecution;
import io.etlrecovery.store.ActionRow;
import io.etlrecovery.store.QuarantineRow;
import io.etlrecovery.store.RunRow;
import io.etlrecovery.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Carries out a {@link ReprocessRequest}: selects the records, feeds them through the pipeline's first batch step
 * in a run of their own (the runner's reprocessing mode), then records what happened.
 */
public final class Reprocessor {
    private static final int CHUNK = 500;

    private final Store store;
    private final Clock clock;

    public Reprocessor(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public ReprocessResult reprocess(PipelineRunner runner, Pipeline pipeline, ReprocessRequest request) {
        if (runner.store() != store && !runner.store().config().url().equals(store.config().url())) {
            throw new IllegalArgumentException("runner: must run on the same store as this Quarantine");
        }
        String name = pipeline.name();
        BatchStep<?> step = firstBatchStep(pipeline);
        Long runId = request.runId().isPresent() ? request.runId().getAsLong() : null;
        if (runId != null) requireRunOf(name, runId);

        checkNoUnfinishedRun(name);

        List<ReprocessResult.Skipped> skipped = new ArrayList<>();
        QuarantineSource.Feed feed;
        List<Long> selected = null; // the ids of a file's rows that are fed; null: every QUARANTINED one
        String describe;
        Optional<Path> file = request.exportFile();
        if (file.isPresent()) {
            List<QuarantineSource.Item> items = fromExport(name, runId, file.get(), skipped);
            selected = new ArrayList<>(items.size());
            for (QuarantineSource.Item i : items) selected.add(i.quarantineId());
            Iterator<QuarantineSource.Item> it = items.iterator();
            feed = () -> it.hasNext() ? it.next() : null;
            describe = "corrected export " + file.get().toAbsolutePath();
            if (items.isEmpty()) return nothing(name, skipped);
        } else {
            long n = store.withSession(s -> s.quarantine().count(name, runId, QuarantineRow.QUARANTINED));
            if (n == 0) return nothing(name, skipped);
            feed = new StoredFeed(store, name, runId);
            describe = "quarantine of " + (runId == null ? "pipeline " + name : "run " + runId);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        QuarantineSource<?> source = new QuarantineSource(feed, (RecordCodec) step.source().codec(), describe);
        RunOptions options = RunOptions.defaults().withBatchSize(request.batchSize().orElse(null));
        RunResult result = new RunExecution(runner, pipeline, options, source, new StatusHooks())
                .execute();

        Instant now = clock.instant();
        long still = selected == null
                ? store.withSession(s -> s.quarantine().count(name, runId, QuarantineRow.QUARANTINED))
                : countStillQuarantined(selected);
        String detail = result.recordsRead() + " records fed from the " + describe + ": " + result.recordsLoaded()
                + " loaded, " + result.recordsQuarantined() + " failed again" + (skipped.isEmpty() ? ""
                : ", " + skipped.size() + " rows skipped");
        boolean ok = result.status() == RunStatus.SUCCEEDED;
        store.useTransaction(s -> {
            if (!ok) {
                // a reprocessing run is never resumed (a plain run would resume it over its own input): close it
                RunRow run = s.runs().find(result.runId()).orElseThrow();
                s.runs().finish(result.runId(), RunStatus.ABANDONED.name(), run.endedAt() != null ? run.endedAt() : now,
                        run.stopCategory(), Fmt.truncate((run.stopReason() == null ? "" : run.stopReason() + " ")
                                + "[a reprocessing run is not resumed: the records it did not load stay QUARANTINED; "
                                + "reprocess again once the cause is fixed]", 4000));
            }
            s.actions().insertAll(List.of(new ActionRow(null, result.runId(), null, name, step.name(),
                    "QUARANTINE_REPROCESSED", Fmt.truncate(describe, 300), Fmt.truncate(Redactor.defaults().redact(detail), 4000),
                    ok ? "DONE" : "FAILED", now)));
        });
        return new ReprocessResult(name, OptionalLong.of(result.runId()), Optional.of(result.status()),
                result.recordsRead(), result.recordsLoaded(), result.recordsQuarantined(), still, skipped,
                result.stopReason());
    }

    private static ReprocessResult nothing(String pipeline, List<ReprocessResult.Skipped> skipped) {
        return new ReprocessResult(pipeline, OptionalLong.empty(), Optional.empty(), 0, 0, 0, 0, skipped, null);
    }

    private static BatchStep<?> firstBatchStep(Pipeline pipeline) {
        for (Step s : pipeline.steps()) if (s instanceof BatchStep<?> b) return b;
        throw new QuarantineException("Pipeline '" + pipeline.name() + "' has no batch step, so it has no records to "
                + "reprocess.");
    }

    /**
     * Refuses while a plain run of the pipeline is unfinished (it is to be resumed or abandoned first: reprocessing
     * meanwhile would interleave two loads); closes a reprocessing run left unfinished by a crash. A RUNNING run is
     * left to the runner, which refuses a live one and takes over a dead one.
     */
    private void checkNoUnfinishedRun(String pipeline) {
        Optional<RunRow> unfinished = store.withSession(s -> s.runs().latestUnfinished(pipeline));
        if (unfinished.isEmpty() || unfinished.get().status().equals(RunStatus.RUNNING.name())) return;
        RunRow run = unfinished.get();
        if (RunExecution.isReprocessRun(run)) {
            Instant now = clock.instant();
            store.useTransaction(s -> s.runs().finish(run.runId(), RunStatus.ABANDONED.name(),
                    run.endedAt() != null ? run.endedAt() : now, run.stopCategory(),
                    Fmt.truncate((run.stopReason() == null ? "" : run.stopReason() + " ")
                            + "[a reprocessing run is not resumed; closed by the next reprocessing]", 4000)));
            return;
        }
        throw new QuarantineException("Pipeline '" + pipeline + "' has an unfinished run " + run.runId() + " ("
                + run.status() + "). Resume it ('runs resume " + run.runId() + "') or abandon it ('runs abandon "
                + run.runId() + "') before reprocessing quarantined records.");
    }

    private void requireRunOf(String pipeline, long runId) {
        Optional<RunRow> run = store.withSession(s -> s.runs().find(runId));
        if (run.isEmpty()) {
            throw new QuarantineException("There is no run " + runId + ". 'runs list --pipeline " + pipeline
                    + "' shows the runs of '" + pipeline + "'.");
        }
        if (!run.get().pipeline().equals(pipeline)) {
            throw new QuarantineException("Run " + runId + " belongs to pipeline '" + run.get().pipeline() + "', not '"
                    + pipeline + "'.");
        }
    }

    /** The items of a corrected export: every row checked against the store before anything runs. */
    private List<QuarantineSource.Item> fromExport(String pipeline, Long runId, Path file,
                                                   List<ReprocessResult.Skipped> skipped) {
        List<ExportReader.Row> rows = ExportReader.read(file);
        Map<Long, QuarantineRow> stored = new HashMap<>(rows.size() * 2);
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<Long> ids = new ArrayList<>(CHUNK);
            for (ExportReader.Row r : rows.subList(from, Math.min(rows.size(), from + CHUNK))) ids.add(r.quarantineId());
            for (QuarantineRow q : store.withSession(s -> s.quarantine().findAll(ids))) stored.put(q.quarantineId(), q);
        }
        List<String> unknown = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        for (ExportReader.Row r : rows) {
            QuarantineRow q = stored.get(r.quarantineId());
            if (q == null) unknown.add("row " + r.row() + ": " + r.quarantineId());
            else if (!q.pipeline().equals(pipeline)) foreign.add(r.quarantineId() + " (" + q.pipeline() + ")");
        }
        if (!unknown.isEmpty()) {
            throw new QuarantineException("The corrected export " + file + " names quarantine ids that do not exist: "
                    + first(unknown) + ". Is it an export of this store? Nothing was reprocessed.");
        }
        if (!foreign.isEmpty()) {
            throw new QuarantineException("The corrected export " + file + " holds records of other pipelines than '"
                    + pipeline + "': " + first(foreign) + ". Reprocess each pipeline's export with its own pipeline. "
                    + "Nothing was reprocessed.");
        }
        List<QuarantineSource.Item> items = new ArrayList<>(rows.size());
        for (ExportReader.Row r : rows) {
            QuarantineRow q = stored.get(r.quarantineId());
            if (!QuarantineRow.QUARANTINED.equals(q.status())) {
                skipped.add(new ReprocessResult.Skipped(q.quarantineId(), QuarantineRow.REPROCESSED.equals(q.status())
                        ? "already reprocessed by run " + q.reprocessedRunId() : "discarded: " + q.discardReason()));
            } else if (runId != null && q.runId() != runId) {
                skipped.add(new ReprocessResult.Skipped(q.quarantineId(), "belongs to run " + q.runId() + ", not run "
                        + runId));
            } else if (r.raw() != null) {
                items.add(new QuarantineSource.Item(q.quarantineId(), q.recordNumber(), q.lineNumber(), r.raw(), null));
            } else {
                items.add(new QuarantineSource.Item(q.quarantineId(), q.recordNumber(), q.lineNumber(), q.rawRecord(),
                        r.fields()));
            }
        }
        return items;
    }

    private long countStillQuarantined(List<Long> ids) {
        long n = 0;
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            for (QuarantineRow q : store.withSession(s -> s.quarantine().findAll(chunk))) {
                if (QuarantineRow.QUARANTINED.equals(q.status())) n++;
            }
        }
        return n;
    }

    /** The stored records, page by page; those that fail again keep their (smaller) ids, so none is fed twice. */
    private static final class StoredFeed implements QuarantineSource.Feed {
        private final Store store;
        private final String pipeline;
        private final Long runId;
        private Iterator<QuarantineRow> page = java.util.Collections.emptyIterator();
        private long lastId;
        private boolean done;

        StoredFeed(Store store, String pipeline, Long runId) {
            this.store = store;
            this.pipeline = pipeline;
            this.runId = runId;
        }

        @Override
        public QuarantineSource.Item next() {
            if (!page.hasNext()) {
                if (done) return null;
                long after = lastId;
                List<QuarantineRow> rows = store.withSession(s -> s.quarantine().page(pipeline, runId,
                        QuarantineRow.QUARANTINED, after, CHUNK));
                if (rows.size() < CHUNK) done = true;
                if (rows.isEmpty()) return null;
                lastId = rows.get(rows.size() - 1).quarantineId();
                page = rows.iterator();
            }
            QuarantineRow q = page.next();
            return new QuarantineSource.Item(q.quarantineId(), q.recordNumber(), q.lineNumber(), q.rawRecord(),
                    ExportWriter.fieldsOf(q));
        }
    }

    private static String first(List<String> items) {
        int n = Math.min(10, items.size());
        return String.join(", ", items.subList(0, n)) + (items.size() > n ? " and " + (items.size() - n) + " more" : "");
    }
}
