package io.etlrecovery.samples.orders;

import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.PipelineProvider;
import io.etlrecovery.recovery.OpenCircuitBehaviour;
import io.etlrecovery.samples.internal.Parameters;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code run orders-import --input orders.csv [--param key=value ...]}: the {@link OrdersImport} pipeline, with
 * the FX-rate service's faults switched on by parameters (all optional; an unknown key or a bad value is refused
 * with a message naming the key):
 * <table>
 *   <caption>Parameters of orders-import</caption>
 *   <tr><th>Key</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@value #FX_FAILURE_RATE}</td><td>0</td><td>probability (0..1) that an FX call fails transiently</td></tr>
 *   <tr><td>{@value #FX_LATENCY_MS}</td><td>0</td><td>milliseconds each FX call takes (0..60000)</td></tr>
 *   <tr><td>{@value #FX_OUTAGE}</td><td>none</td><td>outage windows: {@code orders A-B} (order ids A..B) or
 *       {@code seconds A-B} (A to B s after the first FX call), several separated by {@code ;}
 *       (see {@link FxOutage})</td></tr>
 *   <tr><td>{@value #FX_ON_OPEN}</td><td>fallback</td><td>while the {@code fx-rates} breaker is open:
 *       {@code fallback} (last known rate), {@code wait} (for the breaker's trial call) or {@code stop}
 *       (stop the run, resumable)</td></tr>
 *   <tr><td>{@value #FX_RETRY_DELAY_MS}</td><td>20</td><td>milliseconds before the first retry of a failed FX call
 *       (doubling, 4 attempts in all)</td></tr>
 *   <tr><td>{@value #SEED}</td><td>42</td><td>seed of the FX service's random failures</td></tr>
 *   <tr><td>{@value #THREADS}</td><td>1</td><td>threads processing each batch (1..64)</td></tr>
 * </table>
 * The breaker itself (opens after 3 consecutive failures, stays open 30 s) is configured on the runner.
 */
public final class OrdersImportProvider implements PipelineProvider {

    public static final String FX_FAILURE_RATE = "fx.failure-rate";
    public static final String FX_LATENCY_MS = "fx.latency-ms";
    public static final String FX_OUTAGE = "fx.outage";
    public static final String FX_ON_OPEN = "fx.on-open";
    public static final String FX_RETRY_DELAY_MS = "fx.retry-delay-ms";
    public static final String SEED = "seed";
    public static final String THREADS = "threads";

    /** Every parameter this pipeline knows. */
    public static final List<String> PARAMETERS =
            List.of(FX_FAILURE_RATE, FX_LATENCY_MS, FX_OUTAGE, FX_ON_OPEN, FX_RETRY_DELAY_MS, SEED, THREADS);

    @Override
    public String name() {
        return OrdersImport.NAME;
    }

    @Override
    public String description() {
        return "Loads an orders CSV into ORDERS_CLEAN: validates each row (bad rows are quarantined), converts the "
                + "amount to EUR through a simulated FX-rate service behind the 'fx-rates' circuit breaker. "
                + "Parameters: fx.failure-rate, fx.latency-ms, fx.outage ('orders A-B' or 'seconds A-B'), "
                + "fx.on-open (fallback|wait|stop), fx.retry-delay-ms, seed, threads.";
    }

    @Override
    public Pipeline create(Context context) {
        Parameters p = Parameters.of(name(), context.parameters(), PARAMETERS);
        FxRateService.Builder fx = FxRateService.builder()
                .failureRate(p.doubleValue(FX_FAILURE_RATE, 0, 0, 1))
                .latency(Duration.ofMillis(p.longValue(FX_LATENCY_MS, 0, 0, 60_000)))
                .seed(p.longValue(SEED, 42, Long.MIN_VALUE, Long.MAX_VALUE));
        if (p.has(FX_OUTAGE)) {
            try {
                fx.outages(FxOutage.parseList(p.string(FX_OUTAGE, "")));
            } catch (IllegalArgumentException e) {
                throw p.invalid(FX_OUTAGE, p.string(FX_OUTAGE, ""), "'orders A-B' or 'seconds A-B' (several "
                        + "separated by ';'): " + e.getMessage());
            }
        }
        String onOpen = p.choice(FX_ON_OPEN, "fallback", List.of("fallback", "wait", "stop"));
        long retryDelay = p.longValue(FX_RETRY_DELAY_MS, 20, 0, 60_000);
        int threads = (int) p.longValue(THREADS, 1, 1, 64);
        return OrdersImport.builder(context.requireInput())
                .fxService(fx.build())
                .onOpenCircuit(OpenCircuitBehaviour.valueOf(onOpen.toUpperCase(Locale.ROOT)))
                .fxRetry(OrdersImport.fxRetry(Duration.ofMillis(retryDelay)))
                .threads(threads)
                .build();
    }
}
