package io.etlrecovery.runner.internal;

import java.net.InetAddress;

/** This process's identity, as recorded with runs and locks. */
public final class Host {
    public static final String NAME = resolveName();
    public static final long PID = ProcessHandle.current().pid();

    private Host() {
    }

    private static String resolveName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env;
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }

    /** Whether process {@code pid} on this host is alive. */
    public static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
