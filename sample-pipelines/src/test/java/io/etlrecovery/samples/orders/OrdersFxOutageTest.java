package io.etlrecovery.samples.orders;

import static io.etlrecovery.samples.SampleTesting.count;
import static io.etlrecovery.samples.SampleTesting.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.recovery.OpenCircuitBehaviour;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunListener;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.runner.RunStatus;
import io.etlrecovery.samples.SampleTesting;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import io.etlrecovery.testing.ManualClock;
import io.etlrecovery.workload.GenerationResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FX-rate service goes down during a run: the {@code fx-rates} breaker opens, and the run converts with the last
 * known rates (or waits for the breaker), never quarantining a record for it.
 */
class OrdersFxOutageTest {

    @TempDir
    Path dir;
    Store store;
    final ManualClock clock = new ManualClock();

    @BeforeEach
    void openStore() {
        store = Store.open(StoreConfig.ofH2File(dir.resolve("store")));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private List<String> breakerActions(long runId) throws Exception {
        return query(store, "SELECT ACTION FROM RECOVERY_ACTIONS WHERE RUN_ID = ? AND TARGET = ? AND ACTION LIKE "
                + "'BREAKER_%' ORDER BY ACTION_ID", runId, OrdersImport.BREAKER).stream().map(r -> (String) r[0]).toList();
    }

    @Test
    void anOutageOpensTheBreakerAndTheRunConvertsWithTheLastKnownRateInsteadOfQuarantining() throws Exception {
        // Given 5,000 orders (2% bad) and an FX service that is down for orders 2000..3000
        GenerationResult input = SampleTesting.orders(dir, 5_000, 0.02, 21);
        FxRateService fx = FxRateService.builder().outages(List.of(FxOutage.orders(2000, 3000)))
                .clock(clock).sleeper(clock.sleeper()).build();
        Pipeline p = OrdersImport.builder(input.csvFile()).fxService(fx).build();
        // and time passing: 31 s per batch, more than the breaker's 30 s open duration
        RunListener time = new RunListener() {
            @Override
            public void onBatchCommitted(BatchCommitted event) {
                clock.advance(Duration.ofSeconds(31));
            }
        };

        // When the run goes through the outage
        RunResult r = PipelineRunner.builder(store).clock(clock).sleeper(clock.sleeper()).listener(time).build().run(p);

        // Then it succeeds, every good order loaded and only the bad rows quarantined (for their data)
        assertEquals(RunStatus.SUCCEEDED, r.status(), r.stopReason());
        assertEquals(input.good(), r.recordsLoaded());
        assertEquals(input.bad(), r.recordsQuarantined());
        assertEquals(input.bad(), count(store, "SELECT COUNT(*) FROM QUARANTINED_RECORDS WHERE CATEGORY = 'DATA' "
                + "AND STEP_NAME = 'load:validate'"));
        assertEquals(0, count(store, "SELECT COUNT(*) FROM QUARANTINED_RECORDS WHERE CATEGORY <> 'DATA'"));

        // the breaker opened, let a trial through once time had passed, and closed after the outage
        List<String> transitions = breakerActions(r.runId());
        assertEquals("BREAKER_OPENED", transitions.get(0), transitions.toString());
        assertEquals("BREAKER_CLOSED", transitions.get(transitions.size() - 1), transitions.toString());
        assertTrue(transitions.contains("BREAKER_HALF_OPENED"), transitions.toString());

        // a call the open breaker refused before making it did not fail: it is a recovery action (FALLBACK_USED,
        // below), not an error row. The error log holds the calls that were made and failed, with the service's own
        // failures (which opened the breaker) among their attempts.
        assertEquals(0, count(store, "SELECT COUNT(*) FROM ERROR_DETAILS WHERE RUN_ID = ? AND ATTEMPTS = 0", r.runId()));
        long transientErrors = count(store, "SELECT COUNT(*) FROM ERROR_DETAILS WHERE RUN_ID = ? AND CATEGORY = 'TRANSIENT'",
                r.runId());
        assertTrue(transientErrors >= 1 && transientErrors < 100, "calls made that failed, not every refusal: "
                + transientErrors);
        assertTrue(count(store, "SELECT COUNT(*) FROM RETRY_ATTEMPTS WHERE RUN_ID = ? "
                + "AND EXCEPTION_CLASS LIKE '%FxServiceUnavailableException'", r.runId()) >= 3, "the failures that opened it");

        // each good order of the outage was converted with the last rate known for its currency, once
        long goodInOutage = count(store, "SELECT COUNT(*) FROM ORDERS_CLEAN WHERE ORDER_ID BETWEEN 2000 AND 3000");
        assertTrue(goodInOutage > 900, "good orders in the outage: " + goodInOutage);
        assertEquals(goodInOutage, count(store, "SELECT COUNT(*) FROM RECOVERY_ACTIONS WHERE RUN_ID = ? "
                + "AND ACTION = 'FALLBACK_USED'", r.runId()));
        Map<String, BigDecimal> lastRate = new HashMap<>();
        FxRateService reference = FxRateService.reliable();
        for (Object[] row : query(store, "SELECT ORDER_ID, ORDER_DATE, AMOUNT, CURRENCY, AMOUNT_EUR FROM ORDERS_CLEAN "
                + "ORDER BY ORDER_ID")) {
            long id = ((Number) row[0]).longValue();
            LocalDate day = SampleTesting.localDate(row[1]);
            String currency = (String) row[3];
            BigDecimal rate;
            if (id >= 2000 && id <= 3000) {
                rate = lastRate.get(currency);
            } else {
                rate = reference.rate(currency, day, id);
                lastRate.put(currency, rate);
            }
            assertEquals(((BigDecimal) row[2]).multiply(rate).setScale(2, RoundingMode.HALF_EVEN), row[4],
                    "AMOUNT_EUR of order " + id);
        }
    }

    @Test
    void configuredToWaitTheRunWaitsOutTheOutageAndUsesNoFallback() throws Exception {
        // Given 3,000 good orders, an FX service taking 10 ms per call that is down from 10 s to 40 s after its first
        // call, and a run that waits for the breaker instead of falling back
        GenerationResult input = SampleTesting.orders(dir, 3_000, 0.0, 4);
        FxRateService fx = FxRateService.builder().latency(Duration.ofMillis(10))
                .outages(List.of(FxOutage.between(Duration.ofSeconds(10), Duration.ofSeconds(40))))
                .clock(clock).sleeper(clock.sleeper()).build();
        Pipeline p = OrdersImport.builder(input.csvFile()).fxService(fx).onOpenCircuit(OpenCircuitBehaviour.WAIT).build();

        RunResult r = PipelineRunner.builder(store).clock(clock).sleeper(clock.sleeper()).build().run(p);

        // Then every order is loaded with its own day's rate, none quarantined, no fallback used
        assertEquals(RunStatus.SUCCEEDED, r.status(), r.stopReason());
        assertEquals(3_000, r.recordsLoaded());
        assertEquals(0, count(store, "SELECT COUNT(*) FROM QUARANTINED_RECORDS"));
        assertEquals(0, count(store, "SELECT COUNT(*) FROM RECOVERY_ACTIONS WHERE ACTION = 'FALLBACK_USED'"));
        FxRateService reference = FxRateService.reliable();
        for (Object[] row : query(store, "SELECT ORDER_ID, ORDER_DATE, AMOUNT, CURRENCY, AMOUNT_EUR FROM ORDERS_CLEAN")) {
            BigDecimal rate = reference.rate((String) row[3], SampleTesting.localDate(row[1]), 0);
            assertEquals(((BigDecimal) row[2]).multiply(rate).setScale(2, RoundingMode.HALF_EVEN), row[4]);
        }
        // the breaker opened at the outage and closed after a trial call once the run had waited
        assertEquals(List.of("BREAKER_OPENED", "BREAKER_HALF_OPENED", "BREAKER_CLOSED"), breakerActions(r.runId()));
        assertTrue(clock.totalSlept().compareTo(Duration.ofSeconds(40)) >= 0, "slept " + clock.totalSlept());
    }
}
