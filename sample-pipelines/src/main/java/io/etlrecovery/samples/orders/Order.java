package io.etlrecovery.samples.orders;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One valid order, as {@link OrderValidator} made it from a CSV row; {@link #amountEur()} is set by the enrich step.
 * Immutable.
 *
 * @param orderId    {@code order_id}, &gt; 0
 * @param customerId {@code customer_id}, 1 to 32 characters
 * @param orderDate  {@code order_date}
 * @param amount     {@code amount}, &gt;= 0, at most 2 decimal places
 * @param currency   {@code currency}, one of {@link OrderValidator#CURRENCIES}
 * @param quantity   {@code quantity}, &gt;= 1
 * @param country    {@code country}, one of {@link OrderValidator#COUNTRIES}
 * @param amountEur  the amount in EUR (2 decimal places), or {@code null} before the enrich step
 */
public record Order(long orderId, String customerId, LocalDate orderDate, BigDecimal amount, String currency,
                    int quantity, String country, BigDecimal amountEur) {

    public Order {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(orderDate, "orderDate");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(country, "country");
    }

    /** This order with its amount in EUR. */
    public Order withAmountEur(BigDecimal eur) {
        return new Order(orderId, customerId, orderDate, amount, currency, quantity, country, eur);
    }
}
