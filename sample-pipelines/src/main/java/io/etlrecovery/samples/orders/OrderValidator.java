package io.etlrecovery.samples.orders;

import io.etlrecovery.io.CsvRow;
import io.etlrecovery.pipeline.Processor;
import io.etlrecovery.pipeline.ValidationException;
import io.etlrecovery.recovery.InvalidConfigurationException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The validation rules of the orders workload ({@code WORKLOAD.md}), exactly: a row is good iff
 * <ol>
 *   <li>it has exactly 7 columns;</li>
 *   <li>{@code order_id} parses as a long and is &gt; 0;</li>
 *   <li>{@code customer_id} is non-empty and at most 32 characters;</li>
 *   <li>{@code order_date} is a valid date written {@code yyyy-MM-dd} (strict: {@code 2024-02-30} is invalid);</li>
 *   <li>{@code amount} parses as a decimal ({@link BigDecimal#BigDecimal(String)}), is &gt;= 0, has at most 2
 *       fraction digits and fits {@code DECIMAL(12,2)};</li>
 *   <li>{@code currency} is one of {@link #CURRENCIES};</li>
 *   <li>{@code quantity} parses as an int and is &gt;= 1;</li>
 *   <li>{@code country} is one of {@link #COUNTRIES}.</li>
 * </ol>
 * No value is trimmed. The first broken rule throws a {@link ValidationException} whose {@code field} is the
 * column ({@code "columns"} for the column count) and whose message names the column, the rule and the value,
 * e.g. {@code amount must be >= 0, was '-12.34'} — so the record is quarantined (never retried) and the run goes on.
 *
 * <p>Columns are found by the header's names, so their order in the file does not matter; an input whose header
 * lacks one of the seven names fails with an {@link InvalidConfigurationException} (the whole file is wrong: the
 * run stops instead of quarantining every row). Stateless apart from a cache of the last header; thread-safe.
 */
public final class OrderValidator implements Processor<CsvRow, Order> {

    /** The columns of an orders CSV, in the workload's order. */
    public static final List<String> COLUMNS =
            List.of("order_id", "customer_id", "order_date", "amount", "currency", "quantity", "country");
    /** The accepted currencies. */
    public static final List<String> CURRENCIES = List.of("USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "SEK");
    /** The accepted countries. */
    public static final List<String> COUNTRIES = List.of("US", "GB", "DE", "FR", "IT", "ES", "NL", "BE", "CH", "AT",
            "SE", "NO", "DK", "FI", "IE", "PL", "PT", "CA", "AU", "JP");
    /** The width of the {@code CUSTOMER_ID} column. */
    public static final int CUSTOMER_ID_MAX = 32;

    private static final Set<String> CURRENCY_SET = Set.copyOf(CURRENCIES);
    private static final Set<String> COUNTRY_SET = Set.copyOf(COUNTRIES);
    private static final String CURRENCY_LIST = String.join(", ", CURRENCIES);
    private static final String COUNTRY_LIST = String.join(", ", COUNTRIES);
    private static final int SHOWN_VALUE_MAX = 100;

    /** Column indexes of the last header seen, keyed by that header's identity (all rows of a file share it). */
    private volatile Layout layout;

    private record Layout(List<String> header, int[] index) {
    }

    @Override
    public Order process(CsvRow row) throws ValidationException {
        int[] ix = indexes(row);
        if (row.size() != COLUMNS.size()) {
            throw new ValidationException("columns", "expected " + COLUMNS.size() + " columns, found " + row.size());
        }
        String idText = row.get(ix[0]);
        long orderId;
        try {
            orderId = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            orderId = 0;
        }
        if (orderId <= 0) throw invalid("order_id", "must be a whole number > 0", idText);

        String customer = row.get(ix[1]);
        if (customer.isEmpty()) throw new ValidationException("customer_id", "customer_id must not be empty");
        if (customer.length() > CUSTOMER_ID_MAX) {
            throw invalid("customer_id", "must be at most " + CUSTOMER_ID_MAX + " characters (has "
                    + customer.length() + ")", customer);
        }

        String dateText = row.get(ix[2]);
        LocalDate date = parseDate(dateText);
        if (date == null) throw invalid("order_date", "must be a valid date written yyyy-MM-dd", dateText);

        String amountText = row.get(ix[3]);
        BigDecimal amount;
        try {
            amount = new BigDecimal(amountText);
        } catch (NumberFormatException e) {
            throw invalid("amount", "must be a decimal number", amountText);
        }
        if (amount.signum() < 0) throw invalid("amount", "must be >= 0", amountText);
        if (amount.scale() > 2) throw invalid("amount", "must have at most 2 decimal places", amountText);
        if (amount.precision() - amount.scale() > 10) {
            throw invalid("amount", "must fit DECIMAL(12,2) (at most 10 digits before the point)", amountText);
        }

        String currency = row.get(ix[4]);
        if (!CURRENCY_SET.contains(currency)) throw invalid("currency", "must be one of " + CURRENCY_LIST, currency);

        String quantityText = row.get(ix[5]);
        int quantity;
        try {
            quantity = Integer.parseInt(quantityText);
        } catch (NumberFormatException e) {
            quantity = 0;
        }
        if (quantity < 1) throw invalid("quantity", "must be a whole number >= 1", quantityText);

        String country = row.get(ix[6]);
        if (!COUNTRY_SET.contains(country)) throw invalid("country", "must be one of " + COUNTRY_LIST, country);

        return new Order(orderId, customer, date, amount, currency, quantity, country, null);
    }

    private int[] indexes(CsvRow row) {
        List<String> header = row.header();
        Layout l = layout;
        if (l != null && l.header == header) return l.index;
        int[] index = new int[COLUMNS.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = header.indexOf(COLUMNS.get(i));
            if (index[i] < 0) {
                throw new InvalidConfigurationException("the input's header " + header + " has no column '"
                        + COLUMNS.get(i) + "'; an orders CSV has the header " + String.join(",", COLUMNS)
                        + ". Check that the right file was given with --input.");
            }
        }
        layout = new Layout(header, index);
        return index;
    }

    /**
     * {@code yyyy-MM-dd} with a valid day, else null; no exception on the good path. Public so that code checking
     * orders the same way (the benchmark's raw-JDBC loop) applies the same rule.
     */
    public static LocalDate parseDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') return null;
        int y = digits(s, 0, 4);
        int m = digits(s, 5, 7);
        int d = digits(s, 8, 10);
        if (y < 0 || m < 0 || d < 0) return null;
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static ValidationException invalid(String column, String rule, String value) {
        String shown = value.length() > SHOWN_VALUE_MAX ? value.substring(0, SHOWN_VALUE_MAX) + "…" : value;
        return new ValidationException(column, column + " " + rule + ", was '" + shown + "'");
    }
}
