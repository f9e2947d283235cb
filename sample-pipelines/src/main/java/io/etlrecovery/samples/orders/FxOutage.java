package io.etlrecovery.samples.orders;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A window during which the simulated {@link FxRateService} is down: every call in it fails. Immutable.
 *
 * <p>Two kinds, written as in the {@code fx.outage} parameter:
 * <ul>
 *   <li>{@code orders A-B}: calls for the orders with {@code order_id} from A to B inclusive (in generated input,
 *       the order id is the record number). Tied to the input, so a test or a demo gets the same outage at the same
 *       place whatever the machine's speed.</li>
 *   <li>{@code seconds A-B}: calls made from A seconds (inclusive) to B seconds (exclusive) after the service's
 *       first call, by the service's clock. Decimals are allowed ({@code seconds 2.5-4}).</li>
 * </ul>
 * {@link #parseList} reads several, separated by {@code ;} or {@code ,}.
 *
 * @param kind  which counter the window is on
 * @param from  the first order id, or the start in milliseconds
 * @param to    the last order id (inclusive), or the end in milliseconds (exclusive)
 */
public record FxOutage(Kind kind, long from, long to) {

    /** What an outage window counts in. */
    public enum Kind {
        /** Order ids, inclusive. */
        ORDERS,
        /** Time since the service's first call, in milliseconds, end exclusive. */
        TIME
    }

    public FxOutage {
        Objects.requireNonNull(kind, "kind");
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("an outage window needs 0 <= from <= to, was " + from + "-" + to);
        }
    }

    /** Calls for orders {@code firstOrderId..lastOrderId} (inclusive) fail. */
    public static FxOutage orders(long firstOrderId, long lastOrderId) {
        return new FxOutage(Kind.ORDERS, firstOrderId, lastOrderId);
    }

    /** Calls from {@code start} (inclusive) to {@code end} (exclusive) after the service's first call fail. */
    public static FxOutage between(Duration start, Duration end) {
        return new FxOutage(Kind.TIME, start.toMillis(), end.toMillis());
    }

    /** Whether a call for {@code orderId}, {@code elapsedMillis} after the first call, falls into this window. */
    public boolean covers(long orderId, long elapsedMillis) {
        return kind == Kind.ORDERS ? orderId >= from && orderId <= to : elapsedMillis >= from && elapsedMillis < to;
    }

    /**
     * Parses {@code orders A-B} or {@code seconds A-B}, several separated by {@code ;} or {@code ,}.
     *
     * @throws IllegalArgumentException saying what was expected, with the bad part
     */
    public static List<FxOutage> parseList(String text) {
        List<FxOutage> windows = new ArrayList<>();
        for (String part : text.split("[;,]")) {
            if (part.isBlank()) continue;
            windows.add(parse(part.strip()));
        }
        if (windows.isEmpty()) throw new IllegalArgumentException("no outage window in '" + text + "'");
        return List.copyOf(windows);
    }

    private static FxOutage parse(String part) {
        String[] words = part.split("\\s+");
        String[] range = words.length == 2 ? words[1].split("-", -1) : new String[0];
        if (range.length == 2) {
            try {
                if (words[0].equalsIgnoreCase("orders")) {
                    return orders(Long.parseLong(range[0]), Long.parseLong(range[1]));
                }
                if (words[0].equalsIgnoreCase("seconds")) {
                    return new FxOutage(Kind.TIME, Math.round(Double.parseDouble(range[0]) * 1000),
                            Math.round(Double.parseDouble(range[1]) * 1000));
                }
            } catch (NumberFormatException e) {
                // the message below says what is expected
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + part + "': " + e.getMessage());
            }
        }
        throw new IllegalArgumentException("'" + part + "' is not an outage window; write 'orders A-B' (order ids A "
                + "to B) or 'seconds A-B' (A to B seconds after the first call), several separated by ';'");
    }

    /** As written in {@code fx.outage}: {@code orders 2000-3000} or {@code seconds 5-15}. */
    @Override
    public String toString() {
        return kind == Kind.ORDERS ? "orders " + from + "-" + to : "seconds " + seconds(from) + "-" + seconds(to);
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
    }
}
