package io.etlrecovery.quarantine;

import io.etlrecovery.internal.Fmt;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.quarantine.internal.ExportWriter;
import io.etlrecovery.quarantine.internal.Reprocessor;
import io.etlrecovery.recovery.ErrorCategory;
import io.etlrecovery.recovery.Redactor;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.store.ActionRow;
import io.etlrecovery.store.QuarantineRow;
import io.etlrecovery.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The quarantine of a store: list, export, reprocess and discard quarantined records. {@code Quarantine.on(store)}.
 * Nothing here deletes a record: a record ends REPROCESSED or DISCARDED and stays in the store.
 *
 * <p><b>Export</b> ({@link #export}) writes the QUARANTINED records of a pipeline (or run) as UTF-8, RFC 4180 CSV
 * (CRLF line ends), one row per record, for a person to correct in a spreadsheet:
 * <ul>
 *   <li>{@code quarantine_id}, the record's handle;</li>
 *   <li>its fields under their original column names (for a CSV source: the header of the stored record, in order
 *       of first appearance over the exported records); fields beyond the header in {@code _extra_1},
 *       {@code _extra_2}, ...; a field a record does not have is left empty;</li>
 *   <li>{@code _raw}, only when some record could not be parsed into fields (an unclosed quote, a field too
 *       long): its raw text, which may be corrected instead;</li>
 *   <li>{@code error_category} and {@code error_message}, its latest failure (redacted).</li>
 * </ul>
 * <b>Formula escaping:</b> every text cell (and header name) that starts with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return is written with a leading apostrophe ({@code -12.50} as
 * {@code '-12.50}), so that a spreadsheet never runs it as a formula; reading the file back removes that
 * apostrophe, and a cell whose apostrophe was deleted while editing is taken as it is. The file is written to a
 * temporary file next to {@code out} and renamed over it: it is never seen half-written.
 *
 * <p><b>Reprocessing</b> ({@link #reprocess}) feeds records through the pipeline's first batch step into its
 * sink, in a run of its own (recorded in PIPELINE_RUNS like any run, taking the pipeline's lock, so it is refused
 * while the pipeline runs). Records are rebuilt with the pipeline source's codec: as stored (from their stored
 * fields, else their raw text), or from a corrected export (its field values, with their {@code _extra_n}
 * fields, so a row that had too many fields still fails unless they were emptied; or its {@code _raw} cell when
 * all field cells are empty). A record that passes becomes REPROCESSED with the run that loaded it; one that
 * fails again stays QUARANTINED with one more attempt, the new error and the fields it was fed with (its raw text
 * is never changed). The runner's error threshold does not stop a reprocessing run, nor do its records raise
 * error-rate alerts (records known to be bad are expected to fail again). A reprocessing run is never resumed: if it stops (a sink or dependency failure), it is
 * closed as ABANDONED and the records it did not load stay QUARANTINED, ready to be reprocessed again. Each
 * reprocessing is recorded in RECOVERY_ACTIONS ({@code QUARANTINE_REPROCESSED}).
 *
 * <p><b>Discarding</b> ({@link #discard}, {@link #discardAll}) needs a reason, marks records DISCARDED with it
 * and records a RECOVERY_ACTIONS row ({@code QUARANTINE_DISCARDED}) per pipeline and run, in one transaction.
 *
 * <p>Immutable and thread-safe.
 */
public final class Quarantine {
    /** The longest discard reason kept. */
    public static final int MAX_REASON_LENGTH = 2000;

    private final Store store;
    private final Clock clock;

    private Quarantine(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The quarantine of {@code store}, with the system UTC clock. */
    public static Quarantine on(Store store) {
        return new Quarantine(Objects.requireNonNull(store, "store"), Clock.systemUTC());
    }

    /** The same, timestamping changes with {@code clock}. */
    public Quarantine withClock(Clock clock) {
        return new Quarantine(store, Objects.requireNonNull(clock, "clock"));
    }

    /** The records {@code query} selects, by id. */
    public List<QuarantinedRecord> list(QuarantineQuery query) {
        Objects.requireNonNull(query, "query");
        String status = query.status() == null ? null : query.status().name();
        List<QuarantineRow> rows = store.withSession(s -> s.quarantine().page(query.pipeline(), query.runId(), status,
                query.afterId(), query.limit()));
        List<QuarantinedRecord> out = new ArrayList<>(rows.size());
        for (QuarantineRow r : rows) out.add(toRecord(r));
        return out;
    }

    /** How many records {@code query} selects, ignoring its limit and {@code afterId}. */
    public long count(QuarantineQuery query) {
        Objects.requireNonNull(query, "query");
        String status = query.status() == null ? null : query.status().name();
        return store.withSession(s -> s.quarantine().count(query.pipeline(), query.runId(), status));
    }

    /** The record with quarantine id {@code id}. */
    public Optional<QuarantinedRecord> find(long id) {
        return store.withSession(s -> s.quarantine().find(id)).map(Quarantine::toRecord);
    }

    /**
     * Writes the QUARANTINED records of {@code pipeline} (only those of run {@code runId}, if given) to {@code out}
     * as CSV (see the class description), replacing the file. With no such record the file has the header only.
     *
     * @throws QuarantineException if {@code out}'s directory does not exist or cannot be written (nothing is left
     *                             behind), or if a field's name clashes with a column the export uses
     */
    public ExportResult export(String pipeline, OptionalLong runId, Path out) {
        requireName(pipeline);
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(out, "out");
        return ExportWriter.write(store, pipeline, runId.isPresent() ? runId.getAsLong() : null, out);
    }

    /**
     * Feeds the records {@code request} selects through {@code pipeline} with {@code runner} (which must run on this
     * store), as the class description says.
     *
     * @return the counts; with nothing to reprocess, no run is started and the result says so
     * @throws QuarantineException if the request names a run of another pipeline, or its corrected export cannot
     *                             be read, names unknown ids or records of another pipeline (nothing is run then)
     * @throws io.etlrecovery.runner.RunRefusedException if the pipeline is running
     */
    public ReprocessResult reprocess(PipelineRunner runner, Pipeline pipeline, ReprocessRequest request) {
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(request, "request");
        return new Reprocessor(store, clock).reprocess(runner, pipeline, request);
    }

    /**
     * Discards the records with these quarantine ids, giving {@code reason}. Records no longer QUARANTINED are left
     * as they are and listed in the result.
     *
     * @throws IllegalArgumentException if {@code ids} is empty or {@code reason} blank or too long
     * @throws QuarantineException      if an id does not exist (then nothing is discarded)
     */
    public DiscardResult discard(List<Long> ids, String reason) {
        Objects.requireNonNull(ids, "ids");
        if (ids.isEmpty()) throw new IllegalArgumentException("ids: name at least one quarantine id");
        String why = requireReason(reason);
        List<Long> unique = new ArrayList<>(new LinkedHashSet<>(ids));
        Instant now = clock.instant();
        return store.inTransaction(s -> {
            List<QuarantineRow> rows = s.quarantine().findAll(unique);
            if (rows.size() != unique.size()) {
                List<Long> missing = new ArrayList<>(unique);
                for (QuarantineRow r : rows) missing.remove(r.quarantineId());
                throw new QuarantineException("There is no quarantined record with id " + joinIds(missing, 10)
                        + ". Nothing was discarded; 'quarantine list' shows the ids.");
            }
            List<Long> notQuarantined = new ArrayList<>();
            Map<String, List<Long>> byRun = new TreeMap<>();
            long discarded = 0;
            for (QuarantineRow r : rows) {
                if (s.quarantine().discard(r.quarantineId(), why, now) == 1) {
                    discarded++;
                    byRun.computeIfAbsent(r.pipeline() + "\u0000" + r.runId(), k -> new ArrayList<>()).add(r.quarantineId());
                } else {
                    notQuarantined.add(r.quarantineId());
                }
            }
            List<ActionRow> actions = new ArrayList<>();
            for (Map.Entry<String, List<Long>> e : byRun.entrySet()) {
                String[] key = e.getKey().split("\u0000", 2);
                actions.add(discardAction(Long.parseLong(key[1]), key[0], "quarantine ids " + joinIds(e.getValue(), 20),
                        e.getValue().size(), why, now));
            }
            if (!actions.isEmpty()) s.actions().insertAll(actions);
            return new DiscardResult(discarded, notQuarantined);
        });
    }

    /**
     * Discards every QUARANTINED record of {@code pipeline} (only of run {@code runId}, if given), giving
     * {@code reason}.
     *
     * @throws IllegalArgumentException if {@code reason} is blank or too long
     */
    public DiscardResult discardAll(String pipeline, OptionalLong runId, String reason) {
        requireName(pipeline);
        Objects.requireNonNull(runId, "runId");
        String why = requireReason(reason);
        Long run = runId.isPresent() ? runId.getAsLong() : null;
        Instant now = clock.instant();
        return store.inTransaction(s -> {
            long n = s.quarantine().discardAll(pipeline, run, why, now);
            if (n > 0) {
                s.actions().insertAll(List.of(discardAction(run, pipeline, run == null ? "quarantine of pipeline "
                        + pipeline : "quarantine of run " + run, n, why, now)));
            }
            return new DiscardResult(n, List.of());
        });
    }

    private static ActionRow discardAction(Long runId, String pipeline, String target, long n, String reason,
                                           Instant now) {
        String detail = "discarded " + n + " record" + (n == 1 ? "" : "s") + ": " + Redactor.defaults().redact(reason);
        return new ActionRow(null, runId, null, pipeline, null, "QUARANTINE_DISCARDED",
                Fmt.truncate(target, 300), Fmt.truncate(detail, 4000), "DONE", now); // column sizes
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: say why the records are discarded (it is kept with them)");
        }
        String r = reason.strip();
        if (r.length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("reason: at most " + MAX_REASON_LENGTH + " characters, was " + r.length());
        }
        return r;
    }

    private static void requireName(String pipeline) {
        Objects.requireNonNull(pipeline, "pipeline");
        if (pipeline.isBlank()) throw new IllegalArgumentException("pipeline must not be blank");
    }

    private static String joinIds(List<Long> ids, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(max, ids.size()); i++) sb.append(i == 0 ? "" : ", ").append(ids.get(i));
        if (ids.size() > max) sb.append(" and ").append(ids.size() - max).append(" more");
        return sb.toString();
    }

    static QuarantinedRecord toRecord(QuarantineRow r) {
        Map<String, String> parsed = ExportWriter.fieldsOf(r);
        Map<String, String> fields = parsed == null ? Map.of() : Collections.unmodifiableMap(parsed);
        ErrorCategory category;
        try {
            category = ErrorCategory.valueOf(r.category());
        } catch (IllegalArgumentException | NullPointerException e) {
            category = ErrorCategory.UNKNOWN;
        }
        QuarantineStatus status;
        try {
            status = QuarantineStatus.valueOf(r.status());
        } catch (IllegalArgumentException | NullPointerException e) {
            status = QuarantineStatus.QUARANTINED;
        }
        return new QuarantinedRecord(r.quarantineId(), r.pipeline(), r.runId(), r.stepName(), r.batchNumber(),
                r.recordNumber(), r.lineNumber(), r.recordKey(), r.sourceRef(), r.rawRecord(), fields,
                r.exceptionClass(), r.errorMessage(), category, r.errorType(), r.attempts(), status,
                r.reprocessedRunId(), r.discardReason(), r.quarantinedAt(), r.updatedAt());
    }
}
