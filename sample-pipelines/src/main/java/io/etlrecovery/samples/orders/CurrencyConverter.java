package io.etlrecovery.samples.orders;

import io.etlrecovery.pipeline.Processor;
import io.etlrecovery.pipeline.RecordFallback;
import io.etlrecovery.recovery.FailureInfo;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The enrich step of {@code orders-import}: converts an order's amount to EUR (2 decimal places, half-even) with
 * the rate of its currency on its day from the {@link FxRateService}, and remembers the last rate it got per
 * currency for its {@link #fallback()}, which converts the order with that rate when the service fails or its
 * breaker is open. With no rate known yet for that currency the fallback fails, and the run stops resumably (it
 * never invents a rate). Thread-safe.
 */
public final class CurrencyConverter implements Processor<Order, Order> {

    private final FxRateService service;
    private final ConcurrentHashMap<String, BigDecimal> lastKnown = new ConcurrentHashMap<>();
    private final LongAdder fallbacks = new LongAdder();
    private final RecordFallback<Order, Order> fallback = this::fallBack;

    public CurrencyConverter(FxRateService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public Order process(Order order) throws Exception {
        BigDecimal rate = service.rate(order.currency(), order.orderDate(), order.orderId());
        lastKnown.put(order.currency(), rate);
        return convert(order, rate);
    }

    /** Converts the order with the last known rate of its currency. */
    public RecordFallback<Order, Order> fallback() {
        return fallback;
    }

    /** How often the fallback converted an order. */
    public long fallbackUses() {
        return fallbacks.sum();
    }

    private Order fallBack(Order order, FailureInfo failure) {
        BigDecimal rate = lastKnown.get(order.currency());
        if (rate == null) {
            throw new IllegalStateException("no " + order.currency() + " rate is known yet to fall back on for order "
                    + order.orderId() + "; run again to resume once the FX rate service is back");
        }
        fallbacks.increment();
        return convert(order, rate);
    }

    private static Order convert(Order order, BigDecimal rate) {
        return order.withAmountEur(order.amount().multiply(rate).setScale(2, RoundingMode.HALF_EVEN));
    }
}
