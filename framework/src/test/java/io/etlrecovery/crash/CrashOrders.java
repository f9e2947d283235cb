package io.etlrecovery.crash;

import io.etlrecovery.io.CsvRow;
import io.etlrecovery.io.CsvSource;
import io.etlrecovery.io.JdbcSink;
import io.etlrecovery.pipeline.BatchStep;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.Sink;
import io.etlrecovery.pipeline.ValidationException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Set;

/**
 * The pipeline the crash and soak tests kill: the orders CSV of {@code bench/WORKLOAD.md} through the workload's
 * validation rules into {@link #TABLE} (with the loading run in {@code LOADED_RUN_ID}), batches of 1,000 records.
 * The same definition is used by the child (to run it) and by the test (to roll a run back).
 */
final class CrashOrders {
    static final String TABLE = "CRASH_ORDERS";
    static final String STEP = "load";
    static final int BATCH_SIZE = 1000;

    /** No primary key on purpose: a record loaded twice must show up as two rows, not as a constraint error. */
    static final String DDL = "CREATE TABLE IF NOT EXISTS " + TABLE + " (ORDER_ID BIGINT NOT NULL, "
            + "CUSTOMER_ID VARCHAR(32) NOT NULL, ORDER_DATE DATE NOT NULL, AMOUNT DECIMAL(12,2) NOT NULL, "
            + "CURRENCY CHAR(3) NOT NULL, QUANTITY INT NOT NULL, COUNTRY CHAR(2) NOT NULL, LOADED_RUN_ID BIGINT NOT NULL)";
    static final String INDEX = "CREATE INDEX IF NOT EXISTS IX_CRASH_ORDERS_RUN ON " + TABLE + " (LOADED_RUN_ID, ORDER_ID)";

    private static final Set<String> CURRENCIES = Set.of("USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "SEK");
    private static final Set<String> COUNTRIES = Set.of("US", "GB", "DE", "FR", "IT", "ES", "NL", "BE", "CH", "AT",
            "SE", "NO", "DK", "FI", "IE", "PL", "PT", "CA", "AU", "JP");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999.99");

    private CrashOrders() {
    }

    /** A valid order. */
    record Order(long orderId, String customerId, LocalDate orderDate, BigDecimal amount, String currency,
                 int quantity, String country) {
    }

    /** The workload's rules (WORKLOAD.md, "a record is good iff"); no value is trimmed. */
    static Order validate(List<String> f) throws ValidationException {
        if (f.size() != 7) throw new ValidationException("expected 7 columns, got " + f.size());
        long id;
        try {
            id = Long.parseLong(f.get(0));
        } catch (NumberFormatException e) {
            throw new ValidationException("order_id", "order_id is not a number: " + f.get(0));
        }
        if (id <= 0) throw new ValidationException("order_id", "order_id must be > 0: " + id);
        String customer = f.get(1);
        if (customer.isEmpty() || customer.length() > 32) {
            throw new ValidationException("customer_id", "customer_id must have 1..32 characters");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(f.get(2), DATE);
        } catch (DateTimeParseException e) {
            throw new ValidationException("order_date", "order_date is not a valid date: " + f.get(2));
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(f.get(3));
        } catch (NumberFormatException e) {
            throw new ValidationException("amount", "amount is not a decimal: " + f.get(3));
        }
        if (amount.signum() < 0 || amount.scale() > 2 || amount.compareTo(MAX_AMOUNT) > 0) {
            throw new ValidationException("amount", "amount must be >= 0 with at most 2 decimals: " + f.get(3));
        }
        if (!CURRENCIES.contains(f.get(4))) throw new ValidationException("currency", "unknown currency " + f.get(4));
        int quantity;
        try {
            quantity = Integer.parseInt(f.get(5));
        } catch (NumberFormatException e) {
            throw new ValidationException("quantity", "quantity is not a number: " + f.get(5));
        }
        if (quantity < 1) throw new ValidationException("quantity", "quantity must be >= 1: " + quantity);
        if (!COUNTRIES.contains(f.get(6))) throw new ValidationException("country", "unknown country " + f.get(6));
        return new Order(id, customer, date, amount, f.get(4), quantity, f.get(6));
    }

    static JdbcSink<Order> sink() {
        return JdbcSink.<Order>builder(TABLE)
                .column("ORDER_ID", Order::orderId)
                .column("CUSTOMER_ID", Order::customerId)
                .column("ORDER_DATE", Order::orderDate)
                .column("AMOUNT", Order::amount)
                .column("CURRENCY", Order::currency)
                .column("QUANTITY", Order::quantity)
                .column("COUNTRY", Order::country)
                .runColumn("LOADED_RUN_ID")
                .build();
    }

    /** The pipeline {@code name} over {@code csv}, writing through {@code sink}. */
    static Pipeline pipeline(String name, Path csv, Sink<Order> sink) {
        BatchStep.Builder<CsvRow, Order> step = BatchStep.reading(STEP, CsvSource.builder(csv).build())
                .process("validate", (CsvRow row) -> validate(row.values()));
        return Pipeline.named(name)
                .beforeRun(c -> {
                    try (var st = c.createStatement()) {
                        st.execute(DDL);
                        st.execute(INDEX);
                    }
                })
                .step(step.writeTo(sink))
                .build();
    }
}
