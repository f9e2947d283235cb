package io.etlrecovery.recovery;

/**
 * Where a call happened, for the journal and for fingerprints. Immutable; every field may be {@code null} (for
 * standalone use outside a pipeline run).
 *
 * @param pipeline       the pipeline's name
 * @param runId          the run's id in the store
 * @param step           the step (for example "extract", "transform:enrich", "load")
 * @param batchNumber    the batch number within the run
 * @param recordPosition the record's position in its source (for example a line number or an offset)
 */
public record ErrorContext(String pipeline, Long runId, String step, Long batchNumber, String recordPosition) {

    private static final ErrorContext NONE = new ErrorContext(null, null, null, null, null);

    /** A context with every field null. */
    public static ErrorContext none() {
        return NONE;
    }

    /** A context for a step of a run, without batch or record. */
    public static ErrorContext of(String pipeline, Long runId, String step) {
        return new ErrorContext(pipeline, runId, step, null, null);
    }

    /** This context for another record of batch {@code batchNumber}. */
    public ErrorContext forRecord(Long batchNumber, String recordPosition) {
        return new ErrorContext(pipeline, runId, step, batchNumber, recordPosition);
    }
}
