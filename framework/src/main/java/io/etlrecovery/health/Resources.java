package io.etlrecovery.health;

/**
 * What a {@link ResourceProbe} measured. Every value is {@code null} when the operating system or the JVM did not
 * tell it. Immutable.
 *
 * @param cpuLoad              the machine's CPU load, 0.0 to 1.0
 * @param memoryAvailableBytes memory available to new programs without swapping
 * @param memoryTotalBytes     physical memory
 * @param diskFreeBytes        space usable by this process on the volume measured
 * @param diskTotalBytes       that volume's size
 * @param heapUsedBytes        the JVM heap in use
 * @param heapMaxBytes         the most heap the JVM will use
 * @param openFileDescriptors  file descriptors this process has open
 * @param maxFileDescriptors   the most it may have open
 */
public record Resources(Double cpuLoad, Long memoryAvailableBytes, Long memoryTotalBytes, Long diskFreeBytes,
                        Long diskTotalBytes, Long heapUsedBytes, Long heapMaxBytes, Long openFileDescriptors,
                        Long maxFileDescriptors) {

    /** Nothing known. */
    public static final Resources UNKNOWN = new Resources(null, null, null, null, null, null, null, null, null);

    /** A copy with the disk values replaced. */
    public Resources withDisk(Long free, Long total) {
        return new Resources(cpuLoad, memoryAvailableBytes, memoryTotalBytes, free, total, heapUsedBytes, heapMaxBytes,
                openFileDescriptors, maxFileDescriptors);
    }

    /** A copy with the memory values replaced. */
    public Resources withMemory(Long available, Long total) {
        return new Resources(cpuLoad, available, total, diskFreeBytes, diskTotalBytes, heapUsedBytes, heapMaxBytes,
                openFileDescriptors, maxFileDescriptors);
    }
}
