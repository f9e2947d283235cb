package io.etlrecovery.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs the {@link CrashOrders} pipeline in child JVMs against one store and input: {@link #killAt} starts a child
 * and SIGKILLs it at a {@link KillPoint}, {@link #runToEnd} starts one that resumes and finishes. Children run one
 * at a time; each is reaped before the next starts.
 */
final class CrashDriver {
    /** How long one child may take before the watchdog kills it and the test fails. */
    private static final Duration CHILD_DEADLINE = Duration.ofMinutes(3);

    private final String storeUrl;
    private final Path csv;
    private final String pipeline;
    private final Path log;

    CrashDriver(String storeUrl, Path csv, String pipeline, Path log) {
        this.storeUrl = storeUrl;
        this.csv = csv;
        this.pipeline = pipeline;
        this.log = log;
    }

    /** Where a child is killed. */
    sealed interface KillPoint {
        /** Right after the child said it committed its {@code n}-th batch (it goes on working until the signal). */
        record AfterBatches(int n) implements KillPoint {
        }

        /** In the {@code write}-th batch of the child, its rows inserted in the open transaction, before commit. */
        record MidTransaction(int write) implements KillPoint {
        }

        /** Right after the run started or resumed (lock taken, run row updated), before its first batch. */
        record AtStart() implements KillPoint {
        }
    }

    /**
     * What a killed child had said.
     *
     * @param resumed    whether its STARTED line said it resumed a run
     * @param firstBatch the number of the first batch it committed, or -1
     * @param lastBatch  the number of the last batch it said it committed, or -1
     */
    record Killed(KillPoint at, long pid, long runId, boolean resumed, String trigger, long firstBatch, long lastBatch) {
    }

    /** How a child that ran to the end finished: the fields of its DONE line, and its first committed batch. */
    record Done(String status, long runId, long read, long loaded, long quarantined, boolean resumed, long firstBatch) {
    }

    /** What a child said so far. */
    private static final class Seen {
        long runId = -1;
        boolean resumed;
        int batches;
        long firstBatch = -1;
        long lastBatch = -1;

        void read(String line) {
            String[] f = line.split(" ");
            if (f[0].equals("STARTED")) {
                runId = Long.parseLong(f[1]);
                resumed = Boolean.parseBoolean(f[2]);
            } else if (f[0].equals("BATCH")) {
                batches++;
                lastBatch = Long.parseLong(f[1]);
                if (firstBatch < 0) firstBatch = lastBatch;
            }
        }
    }

    /**
     * Checks that the child started after {@code killed} went on from the right batch: after a kill in the middle of
     * batch {@code b}'s transaction it redoes exactly {@code b}; after a kill following the line "batch b committed"
     * it starts after {@code b}: a batch reported committed is never lost, even when killed right after.
     */
    static void assertResumedAtTheRightBatch(Killed killed, long nextFirstBatch, String context) {
        if (nextFirstBatch < 0) return; // the next child was killed before its first batch
        if (killed.at() instanceof KillPoint.MidTransaction) {
            long uncommitted = Long.parseLong(killed.trigger().split(" ")[1]);
            assertEquals(uncommitted, nextFirstBatch, "after a kill inside batch " + uncommitted
                    + "'s transaction, the next child redoes that batch: " + context);
        } else if (killed.at() instanceof KillPoint.AfterBatches) {
            if (nextFirstBatch <= killed.lastBatch()) {
                throw new AssertionError("batch " + killed.lastBatch() + " was reported committed, yet the next child "
                        + "started again at batch " + nextFirstBatch + ": a committed batch was lost by the kill; " + context);
            }
        }
    }

    /** Starts a child and kills it with SIGKILL at {@code at}; fails if it ends before getting there. */
    Killed killAt(KillPoint at, boolean force) throws IOException, InterruptedException {
        List<String> args = args(force);
        if (at instanceof KillPoint.MidTransaction m) {
            args.add("--block-at-write");
            args.add(String.valueOf(m.write()));
        }
        try (ChildProcess child = ChildProcess.start(args, log, CHILD_DEADLINE)) {
            Seen seen = new Seen();
            Predicate<String> trigger = line -> {
                seen.read(line);
                if (line.startsWith("DONE ") || line.startsWith("REFUSED ")) {
                    throw new AssertionError("the child ended before the kill point " + at + ": " + line + " (log: " + log + ")");
                }
                if (at instanceof KillPoint.AfterBatches a) return line.startsWith("BATCH ") && seen.batches == a.n();
                if (at instanceof KillPoint.MidTransaction) return line.startsWith("MIDTX ");
                return line.startsWith("STARTED ");
            };
            String line = child.readUntil(trigger);
            assertNotNull(line, "the child exited before the kill point " + at + "; last line: " + child.lastLine()
                    + " (log: " + log + ")");
            int code = child.kill();
            assertEquals(ChildProcess.SIGKILL_EXIT, code, "the child was killed by SIGKILL, not ended by itself");
            return new Killed(at, child.pid(), seen.runId, seen.resumed, line, seen.firstBatch, seen.lastBatch);
        }
    }

    /** Starts a child that runs (resumes) to the end; fails unless it says DONE and exits with 0. */
    Done runToEnd(boolean force) throws IOException, InterruptedException {
        try (ChildProcess child = ChildProcess.start(args(force), log, CHILD_DEADLINE)) {
            Seen seen = new Seen();
            String line = child.readUntil(l -> {
                seen.read(l);
                return l.startsWith("DONE ") || l.startsWith("REFUSED ");
            });
            assertNotNull(line, "the child exited without a result; last line: " + child.lastLine() + " (log: " + log + ")");
            int code = child.waitFor();
            String[] f = line.split(" ");
            assertEquals("DONE", f[0], line + " (log: " + log + ")");
            assertEquals(0, code, "exit code of a run that said " + line + " (log: " + log + ")");
            return new Done(f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]),
                    Boolean.parseBoolean(f[6]), seen.firstBatch);
        }
    }

    private List<String> args(boolean force) {
        List<String> args = new ArrayList<>(List.of("--store", storeUrl, "--csv", csv.toString(), "--pipeline", pipeline));
        if (force) args.add("--force");
        return args;
    }
}
