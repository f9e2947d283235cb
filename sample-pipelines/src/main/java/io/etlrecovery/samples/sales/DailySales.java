package io.etlrecovery.samples.sales;

import io.etlrecovery.io.AtomicFiles;
import io.etlrecovery.io.ConnectionSupplier;
import io.etlrecovery.io.JdbcSource;
import io.etlrecovery.pipeline.BatchStep;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.TaskStep;
import io.etlrecovery.samples.orders.OrdersImport;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Builds the {@code daily-sales} pipeline, which aggregates {@code ORDERS_CLEAN} (loaded by {@code orders-import})
 * into {@value #TABLE} and exports it as a CSV report. Its three steps:
 * <ol>
 *   <li>{@value #RESET_STEP} (task): empties {@value #TABLE}, in the same transaction as the step's completion
 *       mark, so it happens once per run and never again on a resume;</li>
 *   <li>{@value #AGGREGATE_STEP} (batch): a {@link JdbcSource} reads {@code ORDERS_CLEAN} by keyset pagination on
 *       {@code ORDER_ID}; each batch's orders are summed per (day, currency) and added to {@value #TABLE} with MERGE
 *       in the batch's transaction, together with the checkpoint: a resume after a crash continues after the last
 *       committed order and adds nothing twice;</li>
 *   <li>{@value #EXPORT_STEP} (task): writes {@value #TABLE}, ordered by day and currency, to the report file
 *       ({@code day,currency,orders,amount,amount_eur}, RFC 4180 with CRLF), atomically (a temporary file renamed
 *       over the target). Run once per run; if a crash comes between the rename and the step's commit, the resume
 *       writes the same file again.</li>
 * </ol>
 * {@value #TABLE} is created before each run if missing ({@link #CREATE_TABLE}, portable DDL), and so is
 * {@code ORDERS_CLEAN} ({@link OrdersImport#CREATE_TABLE}), so the pipeline also runs before any import.
 *
 * <pre>{@code
 * Pipeline p = DailySales.builder(store::openConnection).report(Path.of("daily-sales.csv")).build();
 * PipelineRunner.on(store).run(p);
 * }</pre>
 *
 * <p>Defaults: report {@value #DEFAULT_REPORT} in the working directory; the runner's batch size.
 */
public final class DailySales {

    /** The pipeline's name. */
    public static final String NAME = "daily-sales";
    /** The aggregate table. */
    public static final String TABLE = "DAILY_SALES";
    /** The first step: empties {@value #TABLE}. */
    public static final String RESET_STEP = "reset";
    /** The batch step: {@code ORDERS_CLEAN} into {@value #TABLE}. */
    public static final String AGGREGATE_STEP = "aggregate";
    /** The last step: the CSV report. */
    public static final String EXPORT_STEP = "export";
    /** The report's file name when none is given. */
    public static final String DEFAULT_REPORT = "daily-sales.csv";
    /** The report's header line. */
    public static final String REPORT_HEADER = "day,currency,orders,amount,amount_eur";

    /** The DDL of {@value #TABLE}; runs on H2 and PostgreSQL. */
    public static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
            + "SALES_DAY DATE NOT NULL, "
            + "CURRENCY CHAR(3) NOT NULL, "
            + "ORDERS BIGINT NOT NULL, "
            + "AMOUNT DECIMAL(18,2) NOT NULL, "
            + "AMOUNT_EUR DECIMAL(18,2) NOT NULL, "
            + "PRIMARY KEY (SALES_DAY, CURRENCY))";

    static final String SELECT_ORDERS =
            "SELECT ORDER_ID, ORDER_DATE, CURRENCY, AMOUNT, AMOUNT_EUR FROM " + OrdersImport.TABLE;
    static final String SELECT_REPORT = "SELECT SALES_DAY, CURRENCY, ORDERS, AMOUNT, AMOUNT_EUR FROM " + TABLE
            + " ORDER BY SALES_DAY, CURRENCY";

    private DailySales() {
    }

    /** A builder reading {@code ORDERS_CLEAN} through {@code store} (connections to the store's database). */
    public static Builder builder(ConnectionSupplier store) {
        return new Builder(store);
    }

    /** Configures the pipeline. Not thread-safe; {@link #build()} may be called again. */
    public static final class Builder {
        private final ConnectionSupplier store;
        private Path report = Path.of(DEFAULT_REPORT);

        private Builder(ConnectionSupplier store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Where the CSV report goes (default {@value #DEFAULT_REPORT} in the working directory). */
        public Builder report(Path file) {
            this.report = Objects.requireNonNull(file, "report");
            return this;
        }

        public Pipeline build() {
            Path out = report;
            JdbcSource<Sale> orders = JdbcSource.builder(store)
                    .select(SELECT_ORDERS)
                    .keyColumn("ORDER_ID")
                    .mapper(rs -> {
                        long id = rs.getLong("ORDER_ID");
                        return new Sale(id, rs.getObject("ORDER_DATE", LocalDate.class), rs.getString("CURRENCY"),
                                rs.getBigDecimal("AMOUNT"), required(rs.getBigDecimal("AMOUNT_EUR"), id));
                    })
                    .build();
            TaskStep reset = TaskStep.of(RESET_STEP, ctx -> {
                try (Statement st = ctx.connection().createStatement()) {
                    st.executeUpdate("DELETE FROM " + TABLE);
                }
            });
            BatchStep<Sale> aggregate = BatchStep.reading(AGGREGATE_STEP, orders)
                    .writeTo(new DailySalesSink())
                    .build();
            TaskStep export = TaskStep.of(EXPORT_STEP, ctx -> {
                Files.createDirectories(out.toAbsolutePath().getParent());
                AtomicFiles.write(out, w -> {
                    w.write(REPORT_HEADER);
                    w.write("\r\n");
                    try (PreparedStatement ps = ctx.connection().prepareStatement(SELECT_REPORT);
                         ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            w.write(rs.getObject(1, LocalDate.class).toString());
                            w.write(',');
                            w.write(rs.getString(2).strip());
                            w.write(',');
                            w.write(Long.toString(rs.getLong(3)));
                            w.write(',');
                            w.write(rs.getBigDecimal(4).toPlainString());
                            w.write(',');
                            w.write(rs.getBigDecimal(5).toPlainString());
                            w.write("\r\n");
                        }
                    }
                });
            });
            return Pipeline.named(NAME)
                    .beforeRun(c -> {
                        try (Statement st = c.createStatement()) {
                            st.execute(OrdersImport.CREATE_TABLE);
                            st.execute(CREATE_TABLE);
                        }
                    })
                    .step(reset)
                    .step(aggregate)
                    .step(export)
                    .build();
        }

        private static BigDecimal required(BigDecimal amountEur, long orderId) throws java.sql.SQLException {
            if (amountEur == null) {
                throw new java.sql.SQLDataException("ORDERS_CLEAN row " + orderId + " has no AMOUNT_EUR", "22004");
            }
            return amountEur;
        }
    }
}
