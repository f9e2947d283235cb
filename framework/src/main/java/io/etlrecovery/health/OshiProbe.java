package io.etlrecovery.health;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The system probe: OSHI for CPU and memory, the JVM for disk, heap and (on Unix) file descriptors. */
final class OshiProbe implements ResourceProbe {

    static final OshiProbe INSTANCE = new OshiProbe();

    private static final Logger LOG = LoggerFactory.getLogger(OshiProbe.class);

    private volatile SystemInfo systemInfo;
    private volatile boolean oshiBroken;
    private long[] previousTicks;

    private OshiProbe() {
    }

    @Override
    public Resources measure(Path volume) {
        Runtime rt = Runtime.getRuntime();
        long heapUsed = rt.totalMemory() - rt.freeMemory();
        Long memAvailable = null;
        Long memTotal = null;
        SystemInfo si = oshi();
        if (si != null) {
            try {
                GlobalMemory mem = si.getHardware().getMemory();
                memAvailable = positive(mem.getAvailable());
                memTotal = positive(mem.getTotal());
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("OSHI could not read memory: {}", e.toString());
            }
        }
        Long diskFree = null;
        Long diskTotal = null;
        try {
            FileStore fs = Files.getFileStore(existing(volume));
            diskFree = fs.getUsableSpace();
            diskTotal = fs.getTotalSpace();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot read the free space of {}: {}", volume, e.toString());
        }
        Long[] fds = fileDescriptors(si);
        return new Resources(cpuLoad(si), memAvailable, memTotal, diskFree, diskTotal, heapUsed,
                rt.maxMemory() == Long.MAX_VALUE ? null : rt.maxMemory(), fds[0], fds[1]);
    }

    private synchronized Double cpuLoad(SystemInfo si) {
        if (si != null) {
            try {
                CentralProcessor cpu = si.getHardware().getProcessor();
                long[] ticks = cpu.getSystemCpuLoadTicks();
                long[] previous = previousTicks;
                previousTicks = ticks;
                if (previous != null) {
                    double load = cpu.getSystemCpuLoadBetweenTicks(previous);
                    if (load >= 0 && !Double.isNaN(load)) return Math.min(1.0, load);
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("OSHI could not read the CPU load: {}", e.toString());
            }
        }
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            double load = sun.getCpuLoad();
            if (load >= 0 && !Double.isNaN(load)) return Math.min(1.0, load);
        }
        return null;
    }

    private Long[] fileDescriptors(SystemInfo si) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return new Long[] {positive(unix.getOpenFileDescriptorCount()), positive(unix.getMaxFileDescriptorCount())};
        }
        if (si != null) {
            try {
                OSProcess self = si.getOperatingSystem().getCurrentProcess();
                if (self != null) return new Long[] {positive(self.getOpenFiles()), positive(self.getSoftOpenFileLimit())};
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("OSHI could not read file descriptors: {}", e.toString());
            }
        }
        return new Long[] {null, null};
    }

    private SystemInfo oshi() {
        if (oshiBroken) return null;
        SystemInfo si = systemInfo;
        if (si == null) {
            synchronized (this) {
                si = systemInfo;
                if (si == null) {
                    try {
                        si = new SystemInfo();
                        systemInfo = si;
                    } catch (RuntimeException | LinkageError e) {
                        oshiBroken = true;
                        LOG.warn("OSHI is not usable here ({}); CPU and memory will be reported as unknown",
                                e.toString());
                        return null;
                    }
                }
            }
        }
        return si;
    }

    /** The nearest existing directory at or above {@code p} (the store's directory may not exist yet). */
    private static Path existing(Path p) {
        Path q = p.toAbsolutePath();
        while (q != null && !Files.exists(q)) q = q.getParent();
        return q == null ? Path.of("").toAbsolutePath() : q;
    }

    private static Long positive(long v) {
        return v < 0 ? null : v;
    }
}
