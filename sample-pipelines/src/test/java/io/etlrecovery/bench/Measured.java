package io.etlrecovery.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs another class's {@code main} in this JVM and, when the JVM exits (however it exits), prints one line
 * {@code measured peak_rss_kb=<VmHWM> heap_peak_kb=<sum of heap pools' peaks>} so that both sides of the
 * benchmark are measured the same way. Not part of the product.
 *
 * <pre>java -cp ... io.etlrecovery.bench.Measured &lt;main class&gt; [args...]</pre>
 */
public final class Measured {

    private Measured() {
    }

    public static void main(String[] args) throws Throwable {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("measured peak_rss_kb=" + peakRssKb()
                + " heap_peak_kb=" + heapPeakKb())));
        Class<?> target = Class.forName(args[0]);
        Method main = target.getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }

    /** The process's peak resident set size in KiB (Linux), or -1. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    static long heapPeakKb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) sum += pool.getPeakUsage().getUsed();
        }
        return sum / 1024;
    }
}
