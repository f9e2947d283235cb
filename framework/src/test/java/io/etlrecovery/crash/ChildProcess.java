package io.etlrecovery.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One {@link CrashChild} JVM: started on this JVM's own java command and class path, its stdout read line by line,
 * its stderr (the log) appended to a file. A watchdog kills it after a deadline, so a hung child ends the read with
 * a clear failure instead of hanging the build.
 */
final class ChildProcess implements AutoCloseable {
    /** The exit code of a process killed by SIGKILL (128 + 9). */
    static final int SIGKILL_EXIT = 137;

    private final Process process;
    private final BufferedReader out;
    private final Path log;
    private final ScheduledExecutorService watchdog;
    private volatile boolean timedOut;
    private String lastLine;

    private ChildProcess(Process process, Path log, Duration deadline) {
        this.process = process;
        this.log = log;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crash-watchdog-" + process.pid());
            t.setDaemon(true);
            return t;
        });
        watchdog.schedule(() -> {
            timedOut = true;
            process.destroyForcibly();
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts {@code CrashChild} with {@code args}; its log goes to {@code log} (appended). */
    static ChildProcess start(List<String> args, Path log, Duration deadline) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName()));
        cmd.addAll(args);
        Files.writeString(log, "---- " + String.join(" ", args) + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        p.getOutputStream().close();
        return new ChildProcess(p, log, deadline);
    }

    long pid() {
        return process.pid();
    }

    /**
     * Reads lines until one matches {@code wanted} and returns it; returns {@code null} when the child ended
     * first (its last line is then {@link #lastLine()}).
     */
    String readUntil(Predicate<String> wanted) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            lastLine = line;
            if (wanted.test(line)) return line;
        }
        if (timedOut) throw new AssertionError("the child (pid " + process.pid() + ") did not get there in time and "
                + "was killed by the watchdog; last line: " + lastLine + "; its log: " + log);
        return null;
    }

    String lastLine() {
        return lastLine;
    }

    /** SIGKILL, and wait until the process is gone (reaped, so that its pid counts as dead). Returns its exit code. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    /** Waits for the child to end by itself; returns its exit code. */
    int waitFor() throws InterruptedException {
        int code = process.waitFor();
        if (timedOut) throw new AssertionError("the child (pid " + process.pid() + ") hung and was killed by the "
                + "watchdog; last line: " + lastLine + "; its log: " + log);
        return code;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws IOException {
        watchdog.shutdownNow();
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        out.close();
    }
}
