package io.etlrecovery.retention;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link Retention#preview} (a dry run: nothing removed) or {@link Retention#purge} (rows removed).
 * Immutable.
 *
 * @param olderThanDays the age asked for, in days
 * @param cutoff        rows older than this instant (a UTC midnight) are the ones removed
 * @param executed      {@code false} for a dry run, {@code true} when the rows were deleted
 * @param tables        one entry per purged table, in the order they are purged: RETRY_ATTEMPTS, ERROR_DETAILS,
 *                      SYSTEM_HEALTH
 */
public record PurgeReport(int olderThanDays, Instant cutoff, boolean executed, List<TablePurge> tables) {

    public PurgeReport {
        Objects.requireNonNull(cutoff, "cutoff");
        tables = List.copyOf(tables);
    }

    /** Rows removed (or that would be removed) over every table. */
    public long totalRows() {
        return tables.stream().mapToLong(TablePurge::rows).sum();
    }

    /** The entry of {@code table}, if it is one of the purged tables. */
    public Optional<TablePurge> table(String table) {
        return tables.stream().filter(t -> t.table().equalsIgnoreCase(table)).findFirst();
    }
}
