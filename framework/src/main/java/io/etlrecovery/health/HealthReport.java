package io.etlrecovery.health;

import java.time.Instant;
import java.util.List;

/**
 * The result of a {@link HealthCheck}. Immutable.
 *
 * @param checkedAt     when
 * @param status        the worst item's status
 * @param store         the store checked (its URL, password redacted)
 * @param schemaVersion the store's schema version
 * @param items         one per thing checked
 * @param snapshot      the resources measured
 */
public record HealthReport(Instant checkedAt, HealthStatus status, String store, String schemaVersion,
                           List<HealthItem> items, HealthSnapshot snapshot) {

    public HealthReport {
        items = List.copyOf(items);
    }

    /** The item named {@code name}, if checked. */
    public java.util.Optional<HealthItem> item(String name) {
        return items.stream().filter(i -> i.name().equals(name)).findFirst();
    }
}
