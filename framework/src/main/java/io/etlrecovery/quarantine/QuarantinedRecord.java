package io.etlrecovery.quarantine;

import io.etlrecovery.recovery.ErrorCategory;
import java.time.Instant;
import java.util.Map;

/**
 * One quarantined record as the store holds it: where it came from, its raw text and parsed fields, why it
 * failed (the latest failure, after {@code attempts} attempts in all) and where it stands. Immutable.
 *
 * @param id               the quarantine id, the record's handle for {@code show}, exports and discards
 * @param pipeline         the pipeline it belongs to
 * @param runId            the run that quarantined it
 * @param step             the step (and stage) where it last failed, e.g. {@code load:validate} or {@code load:read}
 * @param batchNumber      the batch of that run it was in, or {@code null}
 * @param recordNumber     its 1-based record number in its input, or {@code null}
 * @param lineNumber       the physical line where it starts (files only), or {@code null}
 * @param recordKey        its key in its source (tables), or {@code null}
 * @param source           the input it was read from, e.g. the file's path
 * @param raw              its text as read; never redacted, since reprocessing needs it; {@code null} if none was kept
 * @param fields           its fields by name, in order, as last fed to the pipeline (for a CSV row: the header's
 *                         names, then {@code _extra_1}, {@code _extra_2}... for fields beyond the header); empty
 *                         when the record could not be parsed. Unmodifiable.
 * @param exceptionClass   the class of the latest failure
 * @param errorMessage     the latest failure's message, redacted
 * @param category         the latest failure's category
 * @param errorType        the latest failure's type (e.g. {@code VALIDATION}), or {@code null}
 * @param attempts         how many times it failed in all, counting every reprocessing
 * @param status           where it stands
 * @param reprocessedRunId the run that loaded it when REPROCESSED, else {@code null}
 * @param discardReason    why it was discarded when DISCARDED, else {@code null}
 * @param quarantinedAt    when it was first quarantined
 * @param updatedAt        when it last changed
 */
public record QuarantinedRecord(long id, String pipeline, long runId, String step, Long batchNumber,
                                Long recordNumber, Long lineNumber, String recordKey, String source, String raw,
                                Map<String, String> fields, String exceptionClass, String errorMessage,
                                ErrorCategory category, String errorType, int attempts, QuarantineStatus status,
                                Long reprocessedRunId, String discardReason, Instant quarantinedAt,
                                Instant updatedAt) {
}
