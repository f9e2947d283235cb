package io.etlrecovery.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.health.Resources;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WarmupTest {

    @Test
    void theProbeIsMeasuredOnceOnADaemonThreadWithoutHoldingUpTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch measured = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Path> volumes = new CopyOnWriteArrayList<>();
        Warmup.start(volume -> {
            threads.add(Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? " daemon" : ""));
            volumes.add(volume);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            measured.countDown();
            return Resources.UNKNOWN;
        }, Path.of("/data/store"));

        // start returned while the probe is still blocked: the caller goes on with its own work
        assertEquals(1, measured.getCount());
        release.countDown();
        assertTrue(measured.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("etl-warmup daemon"), threads);
        assertEquals(List.of(Path.of("/data/store")), volumes);
    }
}
