package io.etlrecovery.samples.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.etlrecovery.io.CsvRow;
import io.etlrecovery.pipeline.ValidationException;
import io.etlrecovery.recovery.InvalidConfigurationException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderValidatorTest {

    private final OrderValidator validator = new OrderValidator();

    private static CsvRow row(String... values) {
        return CsvRow.of(OrderValidator.COLUMNS, List.of(values));
    }

    private static String[] good() {
        return new String[] {"17", "C000017", "2024-02-29", "12.50", "USD", "3", "DE"};
    }

    private static CsvRow with(int column, String value) {
        String[] v = good();
        v[column] = value;
        return row(v);
    }

    private String rejection(CsvRow row) {
        return assertThrows(ValidationException.class, () -> validator.process(row)).getMessage();
    }

    @Test
    void aGoodRowBecomesAnOrderWithoutAnAmountInEur() throws Exception {
        Order o = validator.process(row(good()));
        assertEquals(new Order(17, "C000017", LocalDate.of(2024, 2, 29), new BigDecimal("12.50"), "USD", 3, "DE", null), o);
    }

    @Test
    void theColumnCountMustBeExactlySeven() {
        List<String> six = new ArrayList<>(List.of(good()).subList(0, 6));
        assertEquals("expected 7 columns, found 6", rejection(CsvRow.of(OrderValidator.COLUMNS, six)));
        List<String> eight = new ArrayList<>(List.of(good()));
        eight.add("EXTRA");
        assertEquals("expected 7 columns, found 8", rejection(CsvRow.of(OrderValidator.COLUMNS, eight)));
    }

    @Test
    void eachRuleNamesItsColumnAndTheValue() {
        assertEquals("order_id must be a whole number > 0, was '0'", rejection(with(0, "0")));
        assertEquals("order_id must be a whole number > 0, was 'x1'", rejection(with(0, "x1")));
        assertEquals("customer_id must not be empty", rejection(with(1, "")));
        assertEquals("customer_id must be at most 32 characters (has 33), was '" + "C".repeat(33) + "'",
                rejection(with(1, "C".repeat(33))));
        assertEquals("order_date must be a valid date written yyyy-MM-dd, was '2024-02-30'", rejection(with(2, "2024-02-30")));
        assertEquals("order_date must be a valid date written yyyy-MM-dd, was 'yesterday'", rejection(with(2, "yesterday")));
        assertEquals("amount must be a decimal number, was '12.3O'", rejection(with(3, "12.3O")));
        assertEquals("amount must be >= 0, was '-12.34'", rejection(with(3, "-12.34")));
        assertEquals("amount must have at most 2 decimal places, was '1.234'", rejection(with(3, "1.234")));
        assertEquals("amount must fit DECIMAL(12,2) (at most 10 digits before the point), was '12345678901'",
                rejection(with(3, "12345678901")));
        assertEquals("currency must be one of USD, EUR, GBP, JPY, CHF, CAD, AUD, SEK, was 'XXX'", rejection(with(4, "XXX")));
        assertEquals("quantity must be a whole number >= 1, was '0'", rejection(with(5, "0")));
        assertEquals("country must be one of US, GB, DE, FR, IT, ES, NL, BE, CH, AT, SE, NO, DK, FI, IE, PL, PT, CA, "
                + "AU, JP, was 'XX'", rejection(with(6, "XX")));
    }

    @Test
    void theFieldOfTheExceptionIsTheColumn() {
        assertEquals("amount", assertThrows(ValidationException.class, () -> validator.process(with(3, "-1"))).field());
        assertEquals("columns", assertThrows(ValidationException.class,
                () -> validator.process(CsvRow.of(OrderValidator.COLUMNS, List.of("1")))).field());
    }

    @Test
    void noValueIsTrimmed() {
        assertEquals("currency must be one of USD, EUR, GBP, JPY, CHF, CAD, AUD, SEK, was ' USD'", rejection(with(4, " USD")));
        assertEquals("quantity must be a whole number >= 1, was '3 '", rejection(with(5, "3 ")));
        assertEquals("order_date must be a valid date written yyyy-MM-dd, was ' 2024-01-01'", rejection(with(2, " 2024-01-01")));
    }

    @Test
    void boundaryValuesThatTheRulesAllowPass() throws Exception {
        assertEquals(new BigDecimal("0.00"), validator.process(with(3, "0.00")).amount());
        assertEquals(new BigDecimal("9999999999.99"), validator.process(with(3, "9999999999.99")).amount());
        assertEquals(32, validator.process(with(1, "C".repeat(32))).customerId().length());
        assertEquals("C1,EU", validator.process(with(1, "C1,EU")).customerId());
    }

    @Test
    void anInputWithoutTheOrdersHeaderStopsTheRunInsteadOfQuarantiningEveryRow() {
        CsvRow other = CsvRow.of(List.of("id", "name"), List.of("1", "x"));
        String msg = assertThrows(InvalidConfigurationException.class, () -> validator.process(other)).getMessage();
        assertEquals(true, msg.contains("has no column 'order_id'"), msg);
    }
}
