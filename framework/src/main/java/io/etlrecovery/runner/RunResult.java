package io.etlrecovery.runner;

import java.time.Duration;
import java.util.Map;

/**
 * How a run ended. Counts are the run's totals over all of its resumes. Immutable.
 *
 * @param runId                  the run's id in the store
 * @param pipeline               the pipeline's name
 * @param status                 SUCCEEDED, FAILED or STOPPED
 * @param resumed                whether this invocation resumed an unfinished run
 * @param resumedFromRecord      the record count the resumed step had committed before (0 for a new run)
 * @param recordsRead            input records read, good and bad
 * @param recordsLoaded          records written to sinks
 * @param recordsQuarantined     records quarantined
 * @param recordsFiltered        records dropped on purpose by processors
 * @param retries                retried attempts
 * @param quarantinedByCategory  quarantined records per failure category
 * @param duration               how long this invocation took
 * @param stopReason             why the run stopped or failed ({@code null} when it succeeded), redacted
 */
public record RunResult(long runId, String pipeline, RunStatus status, boolean resumed, long resumedFromRecord,
                        long recordsRead, long recordsLoaded, long recordsQuarantined, long recordsFiltered,
                        long retries, Map<String, Long> quarantinedByCategory, Duration duration,
                        String stopReason) {

    public RunResult {
        quarantinedByCategory = Map.copyOf(quarantinedByCategory);
    }

    /** The command line's exit code: 0 succeeded, 1 failed, 3 stopped (resumable). */
    public int exitCode() {
        return switch (status) {
            case SUCCEEDED -> 0;
            case STOPPED -> 3;
            default -> 1;
        };
    }
}
