package io.etlrecovery.samples.orders;

import static io.etlrecovery.samples.SampleTesting.count;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.etlrecovery.cli.Main;
import io.etlrecovery.samples.SampleTesting;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import io.etlrecovery.workload.GenerationResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrdersImportCommandLineTest {

    @TempDir
    Path dir;

    /** Runs the command line in this JVM; fails with what it printed unless the exit code is 0. */
    private static void runOk(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e);
        }
        assertEquals(0, code, String.join(" ", args) + "\nout:\n" + out.toString(StandardCharsets.UTF_8) + "\nerr:\n"
                + err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runOrdersImportAndThenDailySalesThroughTheCommandLineSucceedWithExitCodeZero() throws Exception {
        GenerationResult input = SampleTesting.orders(dir, 3_000, 0.01, 5);
        String url = StoreConfig.ofH2File(dir.resolve("store")).url();
        Path report = dir.resolve("daily.csv");

        runOk("--db", url, "run", "orders-import", "--input", input.csvFile().toString(),
                "--param", "fx.failure-rate=0.01", "--param", "fx.retry-delay-ms=0");
        runOk("--db", url, "run", "daily-sales", "--param", "out=" + report);

        try (Store store = Store.open(StoreConfig.of(url))) {
            assertEquals(input.good(), count(store, "SELECT COUNT(*) FROM ORDERS_CLEAN"));
            assertEquals(input.bad(), count(store, "SELECT COUNT(*) FROM QUARANTINED_RECORDS"));
            assertEquals(input.good(), count(store, "SELECT SUM(ORDERS) FROM DAILY_SALES"));
            assertEquals(count(store, "SELECT COUNT(*) FROM DAILY_SALES") + 1, Files.readAllLines(report).size());
        }
    }
}
