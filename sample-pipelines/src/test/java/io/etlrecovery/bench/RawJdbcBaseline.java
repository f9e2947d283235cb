package io.etlrecovery.bench;

import io.etlrecovery.samples.orders.FxRateService;
import io.etlrecovery.samples.orders.OrderValidator;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The benchmark's baseline: the orders workload loaded by hand with plain JDBC, as ../shared/bench/WORKLOAD.md
 * describes it — commons-csv parse, the same validation rules, the amount converted to EUR, batch inserts of good
 * rows into ORDERS_CLEAN and of bad rows into BAD_ROWS(line, raw, reason), a one-row checkpoint table, a commit
 * every 1,000 input records. No retries, no quarantine context, no error classification, no run bookkeeping:
 * what a careful engineer writes when nothing is allowed to go wrong. Not part of the product.
 *
 * <pre>java -cp ... io.etlrecovery.bench.RawJdbcBaseline &lt;orders.csv&gt; &lt;jdbc-url&gt;</pre>
 * Prints {@code records=<n> loaded=<g> skipped=<b> wall_ms=<t>}.
 */
public final class RawJdbcBaseline {

    static final int COMMIT_EVERY = 1000;
    // the validator's own lists and date rule: the two sides accept and refuse exactly the same rows
    private static final Set<String> CURRENCIES = Set.copyOf(OrderValidator.CURRENCIES);
    private static final Set<String> COUNTRIES = Set.copyOf(OrderValidator.COUNTRIES);
    /** FxRateService's reference EUR rates, fixed: the work of a conversion without a service behind it. */
    private static final Map<String, BigDecimal> EUR_RATES = referenceRates();

    private RawJdbcBaseline() {
    }

    private static Map<String, BigDecimal> referenceRates() {
        Map<String, BigDecimal> rates = new java.util.HashMap<>();
        for (String c : OrderValidator.CURRENCIES) rates.put(c, FxRateService.referenceRate(c));
        return Map.copyOf(rates);
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Path input = Path.of(args[0]);
        String url = args[1];
        long records = 0;
        long loaded = 0;
        long skipped = 0;
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS ORDERS_CLEAN (ORDER_ID BIGINT PRIMARY KEY, CUSTOMER_ID VARCHAR(32), "
                        + "ORDER_DATE DATE, AMOUNT DECIMAL(12,2), CURRENCY CHAR(3), QUANTITY INT, COUNTRY CHAR(2), "
                        + "AMOUNT_EUR DECIMAL(14,2), LOADED_RUN_ID BIGINT)");
                st.execute("CREATE TABLE IF NOT EXISTS BAD_ROWS (LINE BIGINT, RAW VARCHAR(1000000), REASON VARCHAR(1000))");
                st.execute("CREATE TABLE IF NOT EXISTS BASELINE_CHECKPOINT (ID INT PRIMARY KEY, LINE BIGINT, RECORDS BIGINT)");
                st.execute("MERGE INTO BASELINE_CHECKPOINT KEY (ID) VALUES (1, 1, 0)");
            }
            c.commit();
            try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8);
                 CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
                 PreparedStatement good = c.prepareStatement("INSERT INTO ORDERS_CLEAN (ORDER_ID, CUSTOMER_ID, ORDER_DATE, "
                         + "AMOUNT, CURRENCY, QUANTITY, COUNTRY, AMOUNT_EUR, LOADED_RUN_ID) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement bad = c.prepareStatement("INSERT INTO BAD_ROWS (LINE, RAW, REASON) VALUES (?, ?, ?)");
                 PreparedStatement checkpoint = c.prepareStatement("UPDATE BASELINE_CHECKPOINT SET LINE = ?, RECORDS = ? WHERE ID = 1")) {
                for (CSVRecord r : parser) {
                    records++;
                    long line = r.getRecordNumber() + 1; // no field holds a line break; the header is line 1
                    String reason = bindIfValid(r, good);
                    if (reason == null) {
                        good.addBatch();
                        loaded++;
                    } else {
                        bad.setLong(1, line);
                        bad.setString(2, CSVFormat.RFC4180.format((Object[]) r.values()));
                        bad.setString(3, reason);
                        bad.addBatch();
                        skipped++;
                    }
                    if (records % COMMIT_EVERY == 0) commit(c, good, bad, checkpoint, line, records);
                }
                commit(c, good, bad, checkpoint, records + 1, records);
            }
        }
        System.out.println("records=" + records + " loaded=" + loaded + " skipped=" + skipped + " wall_ms="
                + (System.nanoTime() - start) / 1_000_000);
    }

    private static void commit(Connection c, PreparedStatement good, PreparedStatement bad, PreparedStatement checkpoint,
                               long line, long records) throws SQLException {
        good.executeBatch();
        bad.executeBatch();
        checkpoint.setLong(1, line);
        checkpoint.setLong(2, records);
        checkpoint.executeUpdate();
        c.commit();
    }

    /** Binds a good record's values to {@code ps} and returns null, or returns why the record is bad. */
    private static String bindIfValid(CSVRecord r, PreparedStatement ps) throws SQLException, IOException {
        if (r.size() != OrderValidator.COLUMNS.size()) return "expected 7 columns, got " + r.size();
        long orderId;
        try {
            orderId = Long.parseLong(r.get(0));
        } catch (NumberFormatException e) {
            return "order_id is not a number: " + r.get(0);
        }
        if (orderId <= 0) return "order_id must be > 0: " + orderId;
        String customer = r.get(1);
        if (customer.isEmpty() || customer.length() > OrderValidator.CUSTOMER_ID_MAX) return "customer_id must have 1 to 32 characters";
        LocalDate date = OrderValidator.parseDate(r.get(2));
        if (date == null) return "order_date is not a valid date: " + r.get(2);
        BigDecimal amount;
        try {
            amount = new BigDecimal(r.get(3));
        } catch (NumberFormatException e) {
            return "amount is not a decimal: " + r.get(3);
        }
        if (amount.signum() < 0 || amount.scale() > 2 || amount.precision() - amount.scale() > 10) {
            return "amount out of range: " + amount;
        }
        String currency = r.get(4);
        if (!CURRENCIES.contains(currency)) return "unknown currency: " + currency;
        int quantity;
        try {
            quantity = Integer.parseInt(r.get(5));
        } catch (NumberFormatException e) {
            return "quantity is not a number: " + r.get(5);
        }
        if (quantity < 1) return "quantity must be >= 1: " + quantity;
        String country = r.get(6);
        if (!COUNTRIES.contains(country)) return "unknown country: " + country;
        ps.setLong(1, orderId);
        ps.setString(2, customer);
        ps.setObject(3, date);
        ps.setBigDecimal(4, amount);
        ps.setString(5, currency);
        ps.setInt(6, quantity);
        ps.setString(7, country);
        ps.setBigDecimal(8, amount.multiply(EUR_RATES.get(currency)).setScale(2, RoundingMode.HALF_EVEN));
        ps.setLong(9, 1);
        return null;
    }
}
