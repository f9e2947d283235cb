package io.etlrecovery.store;

import java.time.Instant;

/** One row of PIPELINE_RUNS: a run of a pipeline, with its status, counters and heartbeat. */
public record RunRow(long runId, String pipeline, String status, Instant startedAt, Instant endedAt,
                     Instant heartbeatAt, String host, long pid, String inputRef, String inputFingerprint,
                     String currentStep, long recordsRead, long recordsLoaded, long recordsQuarantined,
                     long recordsFiltered, long retries, long batchesCommitted, int resumeCount,
                     String stopCategory, String stopReason, String parameters, long version) {
}
