package io.etlrecovery.retention;

import java.time.Instant;
import java.util.Objects;

/**
 * What a purge removes (or, in a dry run, would remove) from one table.
 *
 * @param table  the table: ERROR_DETAILS, RETRY_ATTEMPTS or SYSTEM_HEALTH
 * @param rows   rows removed, or that a dry run would remove
 * @param oldest the oldest of those rows' time, or {@code null} when there are none (for an executed purge: as
 *               counted just before deleting)
 */
public record TablePurge(String table, long rows, Instant oldest) {

    public TablePurge {
        Objects.requireNonNull(table, "table");
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0, was " + rows);
    }
}
