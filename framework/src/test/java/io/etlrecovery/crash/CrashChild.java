package io.etlrecovery.crash;

import io.etlrecovery.crash.CrashOrders.Order;
import io.etlrecovery.io.JdbcSink;
import io.etlrecovery.pipeline.Sink;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunListener;
import io.etlrecovery.runner.RunOptions;
import io.etlrecovery.runner.RunRefusedException;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The child JVM of the crash tests: runs (or resumes, {@code RunMode.AUTO}) the {@link CrashOrders} pipeline and
 * tells the parent on stdout what it has reached, one line per event, so the parent can kill it at that moment:
 * <pre>
 * STARTED &lt;runId&gt; &lt;resumed&gt;
 * BATCH &lt;batchNumber&gt; &lt;read&gt; &lt;loaded&gt; &lt;quarantined&gt;     (after each committed batch)
 * MIDTX &lt;batchNumber&gt;                                   (only with --block-at-write: then it blocks forever)
 * DONE &lt;status&gt; &lt;runId&gt; &lt;read&gt; &lt;loaded&gt; &lt;quarantined&gt; &lt;resumed&gt;
 * REFUSED &lt;message&gt;                                     (exit code 2)
 * </pre>
 * Arguments: {@code --store <jdbcUrl> --csv <file> --pipeline <name> [--force] [--block-at-write <k>]}. With
 * {@code --block-at-write k}, the k-th sink write of this process inserts its rows into the batch's open
 * transaction, prints {@code MIDTX} and blocks, so the parent kills it with a batch written but not committed.
 * Exit code: the run's ({@code 0} succeeded, {@code 1} failed, {@code 3} stopped).
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        Path csv = null;
        String pipeline = null;
        boolean force = false;
        int blockAtWrite = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--store" -> url = args[++i];
                case "--csv" -> csv = Path.of(args[++i]);
                case "--pipeline" -> pipeline = args[++i];
                case "--force" -> force = true;
                case "--block-at-write" -> blockAtWrite = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (url == null || csv == null || pipeline == null) {
            throw new IllegalArgumentException("usage: CrashChild --store <jdbcUrl> --csv <file> --pipeline <name> "
                    + "[--force] [--block-at-write <k>]");
        }
        PrintStream out = System.out;
        int code;
        try (Store store = Store.open(StoreConfig.of(url))) {
            Sink<Order> sink = blockAtWrite > 0 ? new BlockingSink(CrashOrders.sink(), blockAtWrite, out) : CrashOrders.sink();
            PipelineRunner runner = PipelineRunner.builder(store)
                    .batchSize(CrashOrders.BATCH_SIZE)
                    .listener(new Reporter(out))
                    .build();
            try {
                RunResult r = runner.run(CrashOrders.pipeline(pipeline, csv, sink), RunOptions.defaults().withForce(force));
                say(out, "DONE " + r.status() + " " + r.runId() + " " + r.recordsRead() + " " + r.recordsLoaded() + " "
                        + r.recordsQuarantined() + " " + r.resumed());
                code = r.exitCode();
            } catch (RunRefusedException e) {
                say(out, "REFUSED " + e.getMessage().replace('\n', ' '));
                code = 2;
            }
        }
        System.exit(code);
    }

    private static void say(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** Tells the parent about the run's progress. */
    private record Reporter(PrintStream out) implements RunListener {
        @Override
        public void onRunStarted(RunStarted e) {
            say(out, "STARTED " + e.runId() + " " + e.resumed());
        }

        @Override
        public void onBatchCommitted(BatchCommitted e) {
            say(out, "BATCH " + e.batchNumber() + " " + e.recordsRead() + " " + e.recordsLoaded() + " "
                    + e.recordsQuarantined());
        }
    }

    /** Writes through the real sink; its k-th write then announces itself and never returns. */
    private static final class BlockingSink implements Sink<Order> {
        private final JdbcSink<Order> delegate;
        private final int blockAt;
        private final PrintStream out;
        private int writes;

        BlockingSink(JdbcSink<Order> delegate, int blockAt, PrintStream out) {
            this.delegate = delegate;
            this.blockAt = blockAt;
            this.out = out;
        }

        @Override
        public void write(List<? extends Order> items, WriteContext context) throws Exception {
            delegate.write(items, context);
            if (++writes == blockAt) {
                say(out, "MIDTX " + context.batchNumber());
                new CountDownLatch(1).await(); // the parent kills this process now
            }
        }
    }
}
