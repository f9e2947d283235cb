package io.etlrecovery.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.pipeline.PipelineProvider;
import io.etlrecovery.report.Reports;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.runner.RunStatus;
import io.etlrecovery.store.QuarantineRow;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's Java examples. */
class CustomersPipelineTest {

    @TempDir
    Path dir;

    @Test
    void theReadmePipelineLoadsGoodCustomersAndQuarantinesTheBadOnes() throws Exception {
        Path csv = Files.writeString(dir.resolve("customers.csv"),
                "id,email\n1,ada@example.com\n2,not-an-email\nx3,grace@example.com\n4,linus@example.com\n");
        Path storeDir = dir.resolve("data");
        try (Store store = Store.open(StoreConfig.ofH2File(storeDir.resolve("store")))) {
            RunResult r = PipelineRunner.on(store).run(new CustomersPipeline()
                    .create(new PipelineProvider.Context(Optional.of(csv), Map.of())));

            assertEquals(RunStatus.SUCCEEDED, r.status());
            assertEquals(2, r.recordsLoaded());
            assertEquals(2, r.recordsQuarantined());
            List<QuarantineRow> q = store.withSession(s -> s.quarantine().page("customers", r.runId(), null, 0, 10));
            assertEquals(List.of("2,not-an-email", "x3,grace@example.com"), q.stream().map(QuarantineRow::rawRecord).toList());
            assertTrue(q.get(0).errorMessage().contains("not an e-mail address"), q.get(0).errorMessage());
            assertEquals("DATA", q.get(1).category(), "a bad id is a data error");
            assertEquals(2, Reports.on(store).budget("customers").records().failed());
        }
        // 2 of 4 records quarantined: far beyond a 99.5% SLO
        assertFalse(BudgetQuery.customersBudgetLeft(storeDir));
    }
}
