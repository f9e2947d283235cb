package io.etlrecovery.samples.sales;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One order as the aggregation needs it: its day, currency and amounts. */
record Sale(long orderId, LocalDate day, String currency, BigDecimal amount, BigDecimal amountEur) {
}
