package io.etlrecovery.health;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * The machine's resources at one moment, as stored in SYSTEM_HEALTH. Immutable.
 *
 * @param takenAt   when
 * @param host      on which host
 * @param volume    the path whose volume the disk values describe (the store's directory)
 * @param resources what was measured; unknown values are {@code null}
 */
public record HealthSnapshot(Instant takenAt, String host, Path volume, Resources resources) {

    public HealthSnapshot {
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(resources, "resources");
    }
}
