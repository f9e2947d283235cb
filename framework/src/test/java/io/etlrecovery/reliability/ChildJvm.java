package io.etlrecovery.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM on the test class path whose output (stdout and stderr merged) is collected line by line, so a test
 * can wait for a line it prints (never for a time) and see everything it said when something goes wrong.
 */
final class ChildJvm implements AutoCloseable {
    private static final String EOF = "\u0000<eof>";

    final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) lines.add(line);
            } catch (IOException ignored) {
                // the process was killed: its output simply ends
            } finally {
                lines.add(EOF);
            }
        }, "child-output-" + process.pid());
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code mainClass} with {@code jvmOptions} (e.g. {@code -Xmx64m}) and {@code args}. */
    static ChildJvm start(List<String> jvmOptions, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xshare:auto");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    /**
     * Waits for a line matching {@code match} (at most {@code seconds}, a safety net only); returns it, or throws
     * with everything the child printed when it ended or timed out without printing one.
     */
    String awaitLine(Predicate<String> match, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null || line.equals(EOF)) {
                if (line != null) lines.add(EOF);
                throw new AssertionError("child " + process.pid() + (line == null ? " printed no expected line in "
                        + seconds + " s" : " ended (exit " + exitQuietly() + ") without the expected line")
                        + "; its output:\n" + String.join("\n", seen));
            }
            seen.add(line);
            if (match.test(line)) return line;
        }
    }

    /** Waits for the child to end (a safety net of {@code seconds}); returns its exit code. */
    int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child " + process.pid() + " did not end in " + seconds + " s; its output:\n"
                    + output());
        }
        return process.exitValue();
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Everything printed so far (draining what has not been looked at). */
    String output() {
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        for (String l : rest) if (!l.equals(EOF)) seen.add(l);
        if (rest.contains(EOF)) lines.add(EOF);
        return String.join("\n", seen);
    }

    private String exitQuietly() {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            return process.isAlive() ? "still running" : Integer.toString(process.exitValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}
