package io.etlrecovery.quarantine;

import io.etlrecovery.runner.RunStatus;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a reprocessing did. Immutable.
 *
 * @param pipeline         the pipeline
 * @param runId            the run that fed the records through the pipeline; empty when there was nothing to
 *                         reprocess (then no run was started)
 * @param status           how that run ended (SUCCEEDED unless the pipeline's sink or a dependency failed); empty
 *                         when no run was started
 * @param records          how many records were fed through the pipeline
 * @param loaded           how many of them passed and were loaded: they are now REPROCESSED with this run's id
 * @param failedAgain      how many failed again: they stay QUARANTINED with one more attempt and the new error
 * @param stillQuarantined how many of the records the request selected are QUARANTINED now: those that failed
 *                         again, those a processor filtered out, and those a stopped run did not reach
 * @param skipped          rows of a corrected export that were not reprocessed, and why (already reprocessed or
 *                         discarded, of another run); empty without an export
 * @param stopReason       why the run did not succeed, or {@code null}
 */
public record ReprocessResult(String pipeline, OptionalLong runId, Optional<RunStatus> status, long records,
                              long loaded, long failedAgain, long stillQuarantined, List<Skipped> skipped,
                              String stopReason) {

    public ReprocessResult {
        skipped = List.copyOf(skipped);
    }

    /** A row of a corrected export that was left alone. */
    public record Skipped(long quarantineId, String reason) {
    }
}
