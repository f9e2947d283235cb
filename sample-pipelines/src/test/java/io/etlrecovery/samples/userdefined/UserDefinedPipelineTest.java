package io.etlrecovery.samples.userdefined;

import static io.etlrecovery.samples.SampleTesting.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.PipelineProvider;
import io.etlrecovery.pipeline.Pipelines;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.runner.RunStatus;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDefinedPipelineTest {

    @TempDir
    Path dir;

    @Test
    void theSamplesAndAUsersOwnPipelineOnTheClassPathAreDiscovered() {
        Pipelines pipelines = Pipelines.discover();
        assertTrue(pipelines.names().containsAll(List.of("daily-sales", "greetings", "orders-import")),
                pipelines.names().toString());
        assertEquals(List.of(), pipelines.loadErrors());
        assertEquals(GreetingsProvider.class, pipelines.get("greetings").getClass());
    }

    @Test
    void aDiscoveredUserPipelineRunsAndQuarantinesItsBadRecords() throws Exception {
        Path csv = dir.resolve("names.csv");
        Files.writeString(csv, "name\nAda\n\nGrace\n \n");
        Pipeline p = Pipelines.discover().create("greetings", new PipelineProvider.Context(Optional.of(csv), Map.of()));
        try (Store store = Store.open(StoreConfig.ofH2File(dir.resolve("store")))) {
            RunResult r = PipelineRunner.on(store).run(p);
            assertEquals(RunStatus.SUCCEEDED, r.status(), r.stopReason());
            assertEquals(2, r.recordsLoaded());
            assertEquals(1, r.recordsQuarantined());
            assertEquals(List.of("Hello, Ada!", "Hello, Grace!"), query(store, "SELECT TEXT FROM GREETINGS ORDER BY TEXT")
                    .stream().map(row -> (String) row[0]).toList());
        }
    }
}
