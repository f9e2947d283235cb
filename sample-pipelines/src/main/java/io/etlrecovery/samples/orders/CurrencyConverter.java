package io.etlrecovery.samples.orders;

import io.etlrecovery.pipeline.Processor;
import io.etlrecovery.recovery.Fallback;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The enrich step of {@code orders-import}: converts an order's amount to EUR (2 decimal places, half-even) with
 * the rate of its currency on its day from the {@link FxRateService}, and remembers the last rate it got per
 * currency for its {@link #fallback()}. Thread-safe.
 *
 * <p><b>Why {@link #track}.</b> A {@link Fallback} is told about the failure, not about the record: when the
 * {@code fx-rates} breaker is open the processor is not even called. So the stage before this one hands each
 * order to {@link #track} (the runner runs a record's stages one after the other on one thread) and the fallback
 * converts the tracked order with the last known rate of its currency. With no rate known yet for that currency
 * the fallback fails, and the run stops resumably (it never invents a rate).
 */
public final class CurrencyConverter implements Processor<Order, Order> {

    private final FxRateService service;
    private final ConcurrentHashMap<String, BigDecimal> lastKnown = new ConcurrentHashMap<>();
    private final ThreadLocal<Order> current = new ThreadLocal<>();
    private final LongAdder fallbacks = new LongAdder();
    private final Fallback<Order> fallback = this::fallBack;

    public CurrencyConverter(FxRateService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public Order process(Order order) throws Exception {
        BigDecimal rate = service.rate(order.currency(), order.orderDate(), order.orderId());
        lastKnown.put(order.currency(), rate);
        return convert(order, rate);
    }

    /** Makes {@code order} the one this thread's fallback converts; returns it. Call it in the stage before. */
    public Order track(Order order) {
        current.set(order);
        return order;
    }

    /** Converts the {@linkplain #track tracked} order with the last known rate of its currency. */
    public Fallback<Order> fallback() {
        return fallback;
    }

    /** How often the fallback converted an order. */
    public long fallbackUses() {
        return fallbacks.sum();
    }

    private Order fallBack(io.etlrecovery.recovery.FailureInfo failure) {
        Order order = current.get();
        if (order == null) {
            throw new IllegalStateException("no order is tracked on this thread: call track(order) in the stage "
                    + "before the conversion");
        }
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
