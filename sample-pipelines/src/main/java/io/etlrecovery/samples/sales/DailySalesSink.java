package io.etlrecovery.samples.sales;

import io.etlrecovery.pipeline.Sink;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds a batch's sales to {@code DAILY_SALES}: sums them per (day, currency) in memory, then one JDBC batch of
 * standard MERGE statements that insert a new key or add to an existing one, through the batch's connection — so
 * the increments commit with the checkpoint, exactly once. Keeps no state between calls.
 */
final class DailySalesSink implements Sink<Sale> {

    static final String MERGE = "MERGE INTO " + DailySales.TABLE + " AS tgt USING (VALUES (?, ?, ?, ?, ?)) "
            + "AS src (SALES_DAY, CURRENCY, ORDERS, AMOUNT, AMOUNT_EUR) "
            + "ON tgt.SALES_DAY = src.SALES_DAY AND tgt.CURRENCY = src.CURRENCY "
            + "WHEN MATCHED THEN UPDATE SET ORDERS = tgt.ORDERS + src.ORDERS, AMOUNT = tgt.AMOUNT + src.AMOUNT, "
            + "AMOUNT_EUR = tgt.AMOUNT_EUR + src.AMOUNT_EUR "
            + "WHEN NOT MATCHED THEN INSERT (SALES_DAY, CURRENCY, ORDERS, AMOUNT, AMOUNT_EUR) "
            + "VALUES (src.SALES_DAY, src.CURRENCY, src.ORDERS, src.AMOUNT, src.AMOUNT_EUR)";

    private record Key(LocalDate day, String currency) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = day.compareTo(o.day);
            return c != 0 ? c : currency.compareTo(o.currency);
        }
    }

    private static final class Totals {
        long orders;
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal amountEur = BigDecimal.ZERO;
    }

    @Override
    public void write(List<? extends Sale> items, WriteContext context) throws Exception {
        if (items.isEmpty()) return;
        // sorted keys: concurrent writers would touch rows in the same order
        Map<Key, Totals> totals = new TreeMap<>();
        for (Sale s : items) {
            Totals t = totals.computeIfAbsent(new Key(s.day(), s.currency()), k -> new Totals());
            t.orders++;
            t.amount = t.amount.add(s.amount());
            t.amountEur = t.amountEur.add(s.amountEur());
        }
        try (PreparedStatement ps = context.connection().prepareStatement(MERGE)) {
            for (Map.Entry<Key, Totals> e : totals.entrySet()) {
                ps.setObject(1, e.getKey().day());
                ps.setString(2, e.getKey().currency());
                ps.setLong(3, e.getValue().orders);
                ps.setBigDecimal(4, e.getValue().amount);
                ps.setBigDecimal(5, e.getValue().amountEur);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
