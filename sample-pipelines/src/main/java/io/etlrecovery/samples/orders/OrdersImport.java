package io.etlrecovery.samples.orders;

import io.etlrecovery.io.CsvRow;
import io.etlrecovery.io.CsvSource;
import io.etlrecovery.io.JdbcSink;
import io.etlrecovery.pipeline.BatchStep;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.recovery.Backoff;
import io.etlrecovery.recovery.CallOptions;
import io.etlrecovery.recovery.OpenCircuitBehaviour;
import io.etlrecovery.recovery.RetryPolicy;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds the {@code orders-import} pipeline: one batch step {@value #STEP} —
 * <pre>
 *  CsvSource(input) ─▶ "validate": {@link OrderValidator}
 *                  ─▶ "enrich":   {@link CurrencyConverter} over the {@link FxRateService},
 *                                 breaker {@value #BREAKER}, fallback: the last known rate of the currency
 *                  ─▶ JdbcSink {@value #TABLE} (run column LOADED_RUN_ID)
 * </pre>
 * Before each run (and resume) it creates {@value #TABLE} if it does not exist ({@link #CREATE_TABLE}, portable
 * DDL). The sink writes into the store's own database in each batch's transaction, so the load is exactly-once;
 * bad rows are quarantined with the column and value that broke a rule; rows whose FX call fails are retried, and
 * while the breaker is open they are converted with the fallback rate (or wait for the breaker, with
 * {@link Builder#onOpenCircuit onOpenCircuit(WAIT)}) — never quarantined for it. Batches end where the runner says
 * (default every 1,000 records, {@code --batch-size}).
 *
 * <pre>{@code
 * Pipeline p = OrdersImport.builder(Path.of("orders.csv"))
 *         .fxService(FxRateService.builder().failureRate(0.02).build())
 *         .build();
 * PipelineRunner.on(store).run(p);
 * }</pre>
 *
 * <p>Defaults: a reliable {@link FxRateService}, {@link OpenCircuitBehaviour#FALLBACK}, FX retries as
 * {@link #DEFAULT_FX_RETRY} (4 attempts, 20 ms doubling to at most 1 s), one thread.
 */
public final class OrdersImport {

    /** The pipeline's name. */
    public static final String NAME = "orders-import";
    /** The batch step's name. */
    public static final String STEP = "load";
    /** The table of the good orders. */
    public static final String TABLE = "ORDERS_CLEAN";
    /** The circuit breaker guarding the FX-rate service. */
    public static final String BREAKER = "fx-rates";
    /** The FX calls' retry policy unless set: 4 attempts, 20 ms doubling to at most 1 s, no jitter. */
    public static final RetryPolicy DEFAULT_FX_RETRY = fxRetry(Duration.ofMillis(20));

    /**
     * The DDL of {@value #TABLE}: WORKLOAD.md's seven columns, the amount in EUR and the run that loaded the row.
     * Runs on H2 and PostgreSQL.
     */
    public static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
            + "ORDER_ID BIGINT NOT NULL PRIMARY KEY, "
            + "CUSTOMER_ID VARCHAR(32) NOT NULL, "
            + "ORDER_DATE DATE NOT NULL, "
            + "AMOUNT DECIMAL(12,2) NOT NULL, "
            + "CURRENCY CHAR(3) NOT NULL, "
            + "QUANTITY INT NOT NULL, "
            + "COUNTRY CHAR(2) NOT NULL, "
            + "AMOUNT_EUR DECIMAL(14,2) NOT NULL, "
            + "LOADED_RUN_ID BIGINT NOT NULL)";

    private OrdersImport() {
    }

    /** A builder for the pipeline over the orders CSV {@code input}. */
    public static Builder builder(Path input) {
        return new Builder(input);
    }

    /** The FX retry policy with {@code firstDelay} before the first retry: 4 attempts, doubling, at most 1 s. */
    public static RetryPolicy fxRetry(Duration firstDelay) {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Duration max = firstDelay.compareTo(Duration.ofSeconds(1)) > 0 ? firstDelay : Duration.ofSeconds(1);
        return RetryPolicy.builder().maxAttempts(4).backoff(Backoff.exponential(firstDelay, 2.0, max)).build();
    }

    /** Configures the pipeline; setters validate at once. Not thread-safe; {@link #build()} may be called again. */
    public static final class Builder {
        private final Path input;
        private FxRateService fxService = FxRateService.reliable();
        private OpenCircuitBehaviour onOpenCircuit = OpenCircuitBehaviour.FALLBACK;
        private RetryPolicy fxRetry = DEFAULT_FX_RETRY;
        private int threads = 1;

        private Builder(Path input) {
            this.input = Objects.requireNonNull(input, "input");
        }

        /** The FX-rate service (default {@link FxRateService#reliable()}). */
        public Builder fxService(FxRateService service) {
            this.fxService = Objects.requireNonNull(service, "fxService");
            return this;
        }

        /**
         * What an FX call does while the {@value #BREAKER} breaker is open (default {@code FALLBACK}: the last
         * known rate; {@code WAIT}: wait for the breaker's trial call; {@code STOP}: stop the run resumably).
         */
        public Builder onOpenCircuit(OpenCircuitBehaviour behaviour) {
            this.onOpenCircuit = Objects.requireNonNull(behaviour, "onOpenCircuit");
            return this;
        }

        /** How failed FX calls are retried (default {@link #DEFAULT_FX_RETRY}). */
        public Builder fxRetry(RetryPolicy retry) {
            this.fxRetry = Objects.requireNonNull(retry, "fxRetry");
            return this;
        }

        /**
         * Threads processing each batch (default 1); more help when the FX service is slow. Batches still commit
         * in input order.
         *
         * @throws IllegalArgumentException if not 1..256
         */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 256) throw new IllegalArgumentException("threads must be 1..256, was " + threads);
            this.threads = threads;
            return this;
        }

        public Pipeline build() {
            OrderValidator validator = new OrderValidator();
            CurrencyConverter converter = new CurrencyConverter(fxService);
            CallOptions<Order> fx = CallOptions.<Order>builder()
                    .dependency(BREAKER)
                    .onOpenCircuit(onOpenCircuit)
                    .retry(fxRetry)
                    .build();
            JdbcSink<Order> sink = JdbcSink.<Order>builder(TABLE)
                    .columns("ORDER_ID", "CUSTOMER_ID", "ORDER_DATE", "AMOUNT", "CURRENCY", "QUANTITY", "COUNTRY",
                            "AMOUNT_EUR")
                    .binder((ps, o) -> {
                        ps.setLong(1, o.orderId());
                        ps.setString(2, o.customerId());
                        ps.setObject(3, o.orderDate());
                        ps.setBigDecimal(4, o.amount());
                        ps.setString(5, o.currency());
                        ps.setInt(6, o.quantity());
                        ps.setString(7, o.country());
                        ps.setBigDecimal(8, o.amountEur());
                    })
                    .runColumn("LOADED_RUN_ID")
                    .build();
            BatchStep<CsvRow> load = BatchStep.reading(STEP, CsvSource.builder(input).build())
                    .process("validate", validator)
                    .process("enrich", converter, fx, converter.fallback())
                    .writeTo(sink)
                    .threads(threads)
                    .build();
            return Pipeline.named(NAME)
                    .beforeRun(c -> {
                        try (Statement st = c.createStatement()) {
                            st.execute(CREATE_TABLE);
                        }
                    })
                    .step(load)
                    .build();
        }
    }
}
