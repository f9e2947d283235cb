package io.etlrecovery.health;

import java.nio.file.Path;

/**
 * Measures the machine's resources. {@link #system()} asks the operating system (through OSHI and the JVM);
 * tests and special environments supply their own (a lambda returning fixed {@link Resources}).
 * Implementations must be thread-safe and should return quickly (no waiting to sample the CPU).
 */
@FunctionalInterface
public interface ResourceProbe {

    /**
     * Measures now.
     *
     * @param volume a path on the volume whose free space matters (the store's directory); disk values are of
     *               the file system holding it
     * @return what could be measured; unknown values are {@code null}
     */
    Resources measure(Path volume);

    /**
     * The real probe: CPU load and memory from OSHI, disk space from the JVM's file store of {@code volume}, heap
     * from {@link Runtime}, open and maximum file descriptors from the JVM (Unix) or OSHI. The CPU load is the
     * load since the probe's previous measurement (the JVM's recent CPU load at the first). Shared and thread-safe.
     */
    static ResourceProbe system() {
        return OshiProbe.INSTANCE;
    }
}
