package io.etlrecovery.samples.sales;

import io.etlrecovery.pipeline.PipelineProvider;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunListener;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.util.Map;
import java.util.Optional;

/**
 * A child JVM for {@link DailySalesTest}: runs {@code daily-sales} on the store at {@code args[0]} with the report at
 * {@code args[1]} and batches of {@code args[2]} records, printing {@code committed <step> <batch>} after each
 * committed batch, so that the parent can kill it at a known point.
 */
public final class DailySalesChild {

    private DailySalesChild() {
    }

    public static void main(String[] args) {
        try (Store store = Store.open(StoreConfig.of(args[0]))) {
            PipelineRunner runner = PipelineRunner.builder(store).batchSize(Integer.parseInt(args[2]))
                    .listener(new RunListener() {
                        @Override
                        public void onBatchCommitted(BatchCommitted e) {
                            System.out.println("committed " + e.step() + " " + e.batchNumber());
                            System.out.flush();
                        }
                    }).build();
            PipelineProvider.Context context = new PipelineProvider.Context(Optional.empty(), Map.of("out", args[1]))
                    .withStore(store::openConnection);
            RunResult r = runner.run(new DailySalesProvider().create(context));
            System.out.println("finished " + r.status());
        }
    }
}
