package io.etlrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlrecovery.EtlRecoveryException;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.PipelineProvider;
import io.etlrecovery.pipeline.Pipelines;
import io.etlrecovery.pipeline.TaskStep;
import io.etlrecovery.pipeline.UnknownPipelineException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelinesTest {

    @TempDir
    Path dir;

    private static PipelineProvider provider(String name, String builds) {
        return new PipelineProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Pipeline create(Context context) {
                return Pipeline.named(builds).step(TaskStep.of("noop", c -> { })).build();
            }
        };
    }

    private static final PipelineProvider.Context NO_INPUT = new PipelineProvider.Context(Optional.empty(), Map.of());

    @Test
    void discoveryFindsTheProvidersListedInMetaInfServices() {
        Pipelines pipelines = Pipelines.discover(getClass().getClassLoader());

        assertTrue(pipelines.names().contains("cli-items"), pipelines::toString);
        assertTrue(pipelines.get("cli-items") instanceof CliItemsPipeline);
        assertTrue(pipelines.loadErrors().isEmpty(), () -> pipelines.loadErrors().toString());
    }

    @Test
    void anUnknownNameIsRefusedNamingTheKnownPipelines() {
        Pipelines pipelines = Pipelines.of(provider("b", "b"), provider("a", "a"));

        UnknownPipelineException e = assertThrows(UnknownPipelineException.class, () -> pipelines.get("c"));

        assertEquals(List.of("a", "b"), e.knownNames());
        assertTrue(e.getMessage().startsWith("There is no pipeline named 'c'. The known pipelines are: a, b. "),
                e.getMessage());
        assertTrue(pipelines.find("c").isEmpty());
    }

    @Test
    void twoProvidersOfOneNameMakeItAmbiguous() {
        Pipelines pipelines = Pipelines.of(provider("a", "a"), provider("a", "a"));

        EtlRecoveryException e = assertThrows(EtlRecoveryException.class, () -> pipelines.get("a"));

        assertTrue(e.getMessage().contains("Pipeline name 'a' is claimed by 2 providers"), e.getMessage());
        assertTrue(pipelines.find("a").isEmpty());
    }

    @Test
    void aProviderMustBuildAPipelineOfItsOwnName() {
        Pipelines pipelines = Pipelines.of(provider("a", "other"));

        EtlRecoveryException e = assertThrows(EtlRecoveryException.class, () -> pipelines.create("a", NO_INPUT));

        assertTrue(e.getMessage().contains("is named 'a' but built a pipeline named 'other'"), e.getMessage());
        assertEquals("a", Pipelines.of(provider("a", "a")).create("a", NO_INPUT).name());
    }

    @Test
    void aProviderRejectingItsContextKeepsItsIllegalArgumentException() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pipelines.discover(getClass().getClassLoader()).create("cli-items", NO_INPUT));

        assertTrue(e.getMessage().contains("pass --input"), e.getMessage());
    }

    @Test
    void thePipelinesCommandListsTheDiscoveredPipelinesAsJson() throws Exception {
        CliRun run = new CliFixture(dir).run("pipelines", "--format", "json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode rows = new ObjectMapper().readTree(run.out());
        JsonNode items = null;
        for (JsonNode r : rows) if (r.get("name").asText().equals("cli-items")) items = r;
        assertTrue(items != null, run::toString);
        assertEquals(CliItemsPipeline.class.getName(), items.get("provider").asText());
        assertTrue(items.get("description").asText().startsWith("Test pipeline"));
    }
}
