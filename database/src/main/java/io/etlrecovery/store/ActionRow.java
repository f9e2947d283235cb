package io.etlrecovery.store;

import java.time.Instant;

/** One row of RECOVERY_ACTIONS: what was done or recommended, for which run or error, and its outcome. */
public record ActionRow(Long actionId, Long runId, Long errorId, String pipeline, String stepName,
                        String action, String target, String detail, String outcome, Instant createdAt) {
}
