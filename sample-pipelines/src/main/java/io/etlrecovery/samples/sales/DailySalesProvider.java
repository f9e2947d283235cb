package io.etlrecovery.samples.sales;

import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.PipelineProvider;
import io.etlrecovery.samples.internal.Parameters;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code run daily-sales [--param out=report.csv]}: the {@link DailySales} pipeline over the store's
 * {@code ORDERS_CLEAN}. It takes no {@code --input} (it reads the store's database, through the context's
 * {@link PipelineProvider.Context#requireStore() store connections}). Parameter:
 * {@value #OUT} — the CSV report's path (default {@value DailySales#DEFAULT_REPORT} in the working directory).
 * An unknown parameter, or an {@code --input}, is refused with a message saying so.
 */
public final class DailySalesProvider implements PipelineProvider {

    public static final String OUT = "out";
    /** Every parameter this pipeline knows. */
    public static final List<String> PARAMETERS = List.of(OUT);

    @Override
    public String name() {
        return DailySales.NAME;
    }

    @Override
    public String description() {
        return "Aggregates ORDERS_CLEAN into DAILY_SALES (day, currency, orders, amount, amount_eur) and exports it "
                + "as a CSV report. Parameter: out (the report file, default daily-sales.csv).";
    }

    @Override
    public Pipeline create(Context context) {
        Parameters p = Parameters.of(name(), context.parameters(), PARAMETERS);
        if (context.input().isPresent()) {
            throw new IllegalArgumentException("pipeline '" + name() + "' reads ORDERS_CLEAN from the store and takes "
                    + "no --input; leave it out (set the report file with --param out=<path>)");
        }
        Path out = p.path(OUT, Path.of(DailySales.DEFAULT_REPORT));
        PipelineProvider.StoreConnections store = context.requireStore();
        return DailySales.builder(store::open).report(out).build();
    }
}
