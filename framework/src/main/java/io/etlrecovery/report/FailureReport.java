package io.etlrecovery.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Failure analysis over the UTC days {@code from} to {@code to} (today), per pipeline. The per-day and per-run
 * rows are also stored in FAILURE_ANALYSIS (idempotently: computing the report again replaces them). Immutable.
 *
 * @param generatedAt when it was computed
 * @param pipeline    the pipeline it covers, or {@code null} for all
 * @param from        the first day (UTC)
 * @param to          the last day (UTC, inclusive: today)
 * @param pipelines   one entry per pipeline, by name
 */
public record FailureReport(Instant generatedAt, String pipeline, LocalDate from, LocalDate to,
                            List<PipelineFailures> pipelines) {

    public FailureReport {
        pipelines = List.copyOf(pipelines);
    }
}
