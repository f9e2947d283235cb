package io.etlrecovery.reliability;

import io.etlrecovery.io.CsvSource;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunListener;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.store.Store;
import java.nio.file.Path;

/**
 * Main class of the child JVMs: runs {@link Ledger#csvPipeline} once and prints one {@code RESULT} line.
 *
 * <pre>
 * PipelineChild &lt;jdbc-url&gt; &lt;csv-file&gt; &lt;pipeline&gt; &lt;table&gt; &lt;batch-size&gt;
 * </pre>
 *
 * Prints {@code BATCH <n>} after each committed batch, then
 * {@code RESULT <status> read=<n> loaded=<n> quarantined=<n> reason=<stop reason>}; exits with the run's exit code.
 */
public final class PipelineChild {

    private PipelineChild() {
    }

    public static void main(String[] args) {
        String url = args[0];
        Path file = Path.of(args[1]);
        String pipeline = args[2];
        String table = args[3];
        int batchSize = Integer.parseInt(args[4]);
        RunResult r;
        try (Store store = Store.open(url)) {
            PipelineRunner runner = PipelineRunner.builder(store).batchSize(batchSize).errorThreshold(1.0, 1)
                    .sleeper(d -> { })
                    .listener(new RunListener() {
                        @Override
                        public void onBatchCommitted(BatchCommitted e) {
                            System.out.println("BATCH " + e.batchNumber());
                        }
                    })
                    .build();
            r = runner.run(Ledger.csvPipeline(pipeline, CsvSource.builder(file).build(), table));
        }
        System.out.println("RESULT " + r.status() + " read=" + r.recordsRead() + " loaded=" + r.recordsLoaded()
                + " quarantined=" + r.recordsQuarantined() + " reason=" + r.stopReason());
        System.out.flush();
        System.exit(r.exitCode());
    }
}
