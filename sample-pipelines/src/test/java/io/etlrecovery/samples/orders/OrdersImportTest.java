package io.etlrecovery.samples.orders;

import static io.etlrecovery.samples.SampleTesting.count;
import static io.etlrecovery.samples.SampleTesting.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.PipelineProvider;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunListener;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.runner.RunStatus;
import io.etlrecovery.samples.SampleTesting;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import io.etlrecovery.testing.ManualClock;
import io.etlrecovery.workload.DefectKind;
import io.etlrecovery.workload.GenerationResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrdersImportTest {

    @TempDir
    Path dir;
    Store store;

    @BeforeEach
    void openStore() {
        store = Store.open(StoreConfig.ofH2File(dir.resolve("store")));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static Pipeline pipeline(Path input, Map<String, String> params) {
        return new OrdersImportProvider().create(new PipelineProvider.Context(Optional.of(input), params));
    }

    /** The defect a quarantine message reports, by the rule it names. */
    private static DefectKind defectOf(String message) {
        if (message.equals("expected 7 columns, found 6")) return DefectKind.MISSING_COLUMN;
        if (message.equals("expected 7 columns, found 8")) return DefectKind.EXTRA_COLUMN;
        if (message.startsWith("amount must be a decimal number, was '")) return DefectKind.NON_NUMERIC_AMOUNT;
        if (message.startsWith("amount must be >= 0, was '-")) return DefectKind.NEGATIVE_AMOUNT;
        if (message.startsWith("order_date must be a valid date")) return DefectKind.INVALID_DATE;
        if (message.equals("customer_id must not be empty")) return DefectKind.MISSING_CUSTOMER_ID;
        if (message.equals("quantity must be a whole number >= 1, was '0'")) return DefectKind.ZERO_QUANTITY;
        if (message.equals("currency must be one of USD, EUR, GBP, JPY, CHF, CAD, AUD, SEK, was 'XXX'")) {
            return DefectKind.UNKNOWN_CURRENCY;
        }
        throw new AssertionError("unexpected quarantine message: " + message);
    }

    @Test
    void everyInputRecordIsLoadedOrQuarantinedWithExactCountsPerDefectKind() throws Exception {
        // Given 20,000 generated orders, 2% of them bad
        GenerationResult input = SampleTesting.orders(dir, 20_000, 0.02, 7);
        String[] lines = Files.readString(input.csvFile(), StandardCharsets.UTF_8).split("\r\n");

        // When orders-import loads them
        RunResult r = PipelineRunner.on(store).run(pipeline(input.csvFile(), Map.of()));

        // Then the good rows are in ORDERS_CLEAN and the bad ones in quarantine, each defect kind counted exactly
        assertEquals(RunStatus.SUCCEEDED, r.status(), r.stopReason());
        assertEquals(20_000, r.recordsRead());
        assertEquals(input.good(), r.recordsLoaded());
        assertEquals(input.bad(), r.recordsQuarantined());
        assertEquals(400, input.bad());
        assertEquals(input.good(), count(store, "SELECT COUNT(*) FROM ORDERS_CLEAN"));

        List<Object[]> quarantined = query(store, "SELECT RECORD_NUMBER, LINE_NUMBER, RAW_RECORD, ERROR_MESSAGE, CATEGORY, "
                + "STEP_NAME, STATUS FROM QUARANTINED_RECORDS WHERE PIPELINE = ? ORDER BY RECORD_NUMBER", OrdersImport.NAME);
        assertEquals(input.bad(), quarantined.size());
        Map<DefectKind, Long> perKind = new EnumMap<>(DefectKind.class);
        BitSet seen = new BitSet();
        for (Object[] q : quarantined) {
            int record = ((Number) q[0]).intValue();
            String raw = (String) q[2];
            String message = (String) q[3];
            DefectKind kind = defectOf(message);
            perKind.merge(kind, 1L, Long::sum);
            assertEquals(record + 1, ((Number) q[1]).intValue(), "physical line of record " + record);
            assertEquals(lines[record], raw, "raw text of record " + record + " is kept as it was in the file");
            assertEquals("DATA", q[4]);
            assertEquals("load:validate", q[5]);
            assertEquals("QUARANTINED", q[6]);
            if (kind == DefectKind.NON_NUMERIC_AMOUNT) assertTrue(raw.contains(",12.3O,"), raw);
            if (kind == DefectKind.INVALID_DATE) {
                String date = message.substring(message.indexOf("was '") + 5, message.length() - 1);
                assertTrue(raw.contains("," + date + ","), raw);
            }
            assertTrue(!seen.get(record), "record " + record + " quarantined twice");
            seen.set(record);
        }
        for (DefectKind kind : DefectKind.values()) {
            assertEquals(input.count(kind), perKind.getOrDefault(kind, 0L), "records with defect " + kind.key());
        }

        // every record is in exactly one place: ORDERS_CLEAN (order_id = record number) or quarantine
        for (Object[] o : query(store, "SELECT ORDER_ID FROM ORDERS_CLEAN")) {
            int id = ((Number) o[0]).intValue();
            assertTrue(!seen.get(id), "record " + id + " is both loaded and quarantined, or loaded twice");
            seen.set(id);
        }
        assertEquals(20_000, seen.cardinality());
        assertEquals(20_000, seen.nextClearBit(1) - 1, "records 1..20,000 are all accounted for");
    }

    @Test
    void loadedRowsHoldTheParsedValuesTheirEuroAmountAndTheLoadingRun() throws Exception {
        GenerationResult input = SampleTesting.orders(dir, 2_000, 0.0, 11);
        String[] lines = Files.readString(input.csvFile(), StandardCharsets.UTF_8).split("\r\n");
        RunResult r = PipelineRunner.on(store).run(pipeline(input.csvFile(), Map.of()));
        assertEquals(RunStatus.SUCCEEDED, r.status(), r.stopReason());

        FxRateService rates = FxRateService.reliable();
        List<Object[]> rows = query(store, "SELECT ORDER_ID, CUSTOMER_ID, ORDER_DATE, AMOUNT, CURRENCY, QUANTITY, COUNTRY, "
                + "AMOUNT_EUR, LOADED_RUN_ID FROM ORDERS_CLEAN ORDER BY ORDER_ID");
        assertEquals(2_000, rows.size());
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            Order expected = new OrderValidator().process(io.etlrecovery.io.CsvRow.of(OrderValidator.COLUMNS,
                    parseLine(lines[(int) id])));
            assertEquals(expected.customerId(), row[1]);
            assertEquals(expected.orderDate(), SampleTesting.localDate(row[2]));
            assertEquals(expected.amount(), row[3]);
            assertEquals(expected.currency(), row[4]);
            assertEquals(expected.quantity(), ((Number) row[5]).intValue());
            assertEquals(expected.country(), row[6]);
            BigDecimal eur = expected.amount().multiply(rates.rate(expected.currency(), expected.orderDate(), id))
                    .setScale(2, RoundingMode.HALF_EVEN);
            assertEquals(eur, row[7], "AMOUNT_EUR of order " + id);
            assertEquals(r.runId(), ((Number) row[8]).longValue());
        }
    }

    /** A generated line's fields (quoted only for a comma or a quote). */
    private static List<String> parseLine(String line) throws Exception {
        try (var parser = org.apache.commons.csv.CSVParser.parse(line, org.apache.commons.csv.CSVFormat.RFC4180)) {
            return parser.getRecords().get(0).toList();
        }
    }

    @Test
    void transientFxFailuresAreRetriedAndNeverQuarantineARecord() throws Exception {
        // Given a service failing 5% of its calls, and a clock that moves when the retries wait and by 31 s per
        // batch (so that a breaker opened by three failures in a row closes again)
        GenerationResult input = SampleTesting.orders(dir, 3_000, 0.0, 3);
        ManualClock clock = new ManualClock();
        FxRateService fx = FxRateService.builder().failureRate(0.05).seed(5).clock(clock).sleeper(clock.sleeper()).build();
        Pipeline p = OrdersImport.builder(input.csvFile()).fxService(fx).build();
        RunListener time = new RunListener() {
            @Override
            public void onBatchCommitted(BatchCommitted event) {
                clock.advance(Duration.ofSeconds(31));
            }
        };

        RunResult r = PipelineRunner.builder(store).clock(clock).sleeper(clock.sleeper()).listener(time).build().run(p);

        // Then the failed calls were retried and every order loaded
        assertEquals(RunStatus.SUCCEEDED, r.status(), r.stopReason());
        assertEquals(3_000, r.recordsLoaded());
        assertEquals(0, r.recordsQuarantined());
        assertTrue(fx.failures() > 100, "failures: " + fx.failures());
        assertTrue(r.retries() > 0, "retries: " + r.retries());
        assertTrue(count(store, "SELECT COUNT(*) FROM RECOVERY_ACTIONS WHERE ACTION = 'RETRIED_AND_SUCCEEDED'") > 50);
        assertEquals(0, count(store, "SELECT COUNT(*) FROM QUARANTINED_RECORDS"));
        assertTrue(count(store, "SELECT COUNT(*) FROM RETRY_ATTEMPTS") > 0);
    }

    @Test
    void theTableIsCreatedIdempotentlyBeforeEachRun() throws Exception {
        GenerationResult a = SampleTesting.orders(dir, 10, 0.0, 1);
        Path other = dir.resolve("more");
        Files.createDirectories(other);
        GenerationResult b = io.etlrecovery.workload.OrdersGenerator.builder().rows(20).badRate(0).seed(2).build()
                .generate(other.resolve("orders.csv"));
        assertEquals(RunStatus.SUCCEEDED, PipelineRunner.on(store).run(pipeline(a.csvFile(), Map.of())).status());
        // the second input repeats order ids 1..10: they are quarantined by the primary key, the rest load
        RunResult second = PipelineRunner.on(store).run(pipeline(b.csvFile(), Map.of()));
        assertEquals(RunStatus.SUCCEEDED, second.status(), second.stopReason());
        assertEquals(10, second.recordsLoaded());
        assertEquals(10, second.recordsQuarantined());
        assertEquals(20, count(store, "SELECT COUNT(*) FROM ORDERS_CLEAN"));
        assertEquals(10, count(store, "SELECT COUNT(*) FROM QUARANTINED_RECORDS WHERE STEP_NAME = 'load:write'"));
    }

    @Test
    void unknownAndInvalidParametersAreRefusedNamingTheKey() {
        Path csv = dir.resolve("orders.csv");
        OrdersImportProvider provider = new OrdersImportProvider();
        String unknown = assertThrows(IllegalArgumentException.class, () -> provider.create(
                new PipelineProvider.Context(Optional.of(csv), Map.of("fx.failure", "0.1")))).getMessage();
        assertTrue(unknown.contains("'fx.failure'") && unknown.contains("fx.failure-rate"), unknown);
        for (Map.Entry<String, String> bad : Map.of("fx.failure-rate", "1.5", "fx.latency-ms", "-1", "fx.outage",
                "records 1-2", "fx.on-open", "later", "seed", "abc", "threads", "0", "fx.retry-delay-ms", "x").entrySet()) {
            String msg = assertThrows(IllegalArgumentException.class, () -> provider.create(
                    new PipelineProvider.Context(Optional.of(csv), Map.of(bad.getKey(), bad.getValue())))).getMessage();
            assertTrue(msg.contains("'" + bad.getKey() + "'") && msg.contains("'" + bad.getValue() + "'"), msg);
        }
        String noInput = assertThrows(IllegalArgumentException.class, () -> provider.create(
                new PipelineProvider.Context(Optional.empty(), Map.of()))).getMessage();
        assertTrue(noInput.contains("--input"), noInput);
    }

    @Test
    void validParametersBuildThePipeline() {
        Pipeline p = pipeline(dir.resolve("orders.csv"), Map.of("fx.failure-rate", "0.05", "fx.latency-ms", "2",
                "fx.outage", "orders 2000-3000; seconds 5-7.5", "fx.on-open", "WAIT", "seed", "9", "threads", "4",
                "fx.retry-delay-ms", "0"));
        assertEquals(OrdersImport.NAME, p.name());
        assertEquals(List.of(OrdersImport.STEP), p.steps().stream().map(s -> s.name()).toList());
        assertEquals(List.of(FxOutage.orders(2000, 3000), new FxOutage(FxOutage.Kind.TIME, 5000, 7500)),
                FxOutage.parseList("orders 2000-3000; seconds 5-7.5"));
    }
}
