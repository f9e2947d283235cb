package io.etlrecovery.store;

import java.time.Instant;

/** One row of SYSTEM_HEALTH: a snapshot of the machine's resources. Unknown values are {@code null}. */
public record HealthRow(Long snapshotId, Long runId, String host, String phase, Double cpuLoad,
                        Long memoryAvailableBytes, Long memoryTotalBytes, Long diskFreeBytes, Long diskTotalBytes,
                        Long heapUsedBytes, Long heapMaxBytes, Long openFileDescriptors,
                        Long maxFileDescriptors, Instant takenAt) {
}
