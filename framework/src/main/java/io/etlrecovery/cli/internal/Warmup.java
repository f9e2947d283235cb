package io.etlrecovery.cli.internal;

import io.etlrecovery.health.ResourceProbe;
import io.etlrecovery.runner.internal.Json;
import java.nio.file.Path;
import java.util.Map;

/**
 * Prepares, on a daemon thread, what a run needs later but not at once: the system probe (OSHI loads its native
 * library on first use) and the JSON mapper of checkpoints. Started before the store opens, it overlaps with it
 * on a second core instead of adding its time to the run's start. Touches no file and no database; if it fails,
 * the first real use pays the cost as it always did.
 */
public final class Warmup {

    private Warmup() {
    }

    /** Starts the warm-up of the system probe (measuring {@code volume} once) and the JSON mapper. */
    public static void start(ResourceProbe probe, Path volume) {
        Thread t = new Thread(() -> {
            try {
                Json.progress(null, Json.fields(Map.of("warm", "up")));
                probe.measure(volume); // also the first CPU tick reading, which the pre-run check then compares with
            } catch (RuntimeException | LinkageError e) {
                // the real use reports the problem, if there is one
            }
        }, "etl-warmup");
        t.setDaemon(true);
        t.start();
    }
}
