package io.etlrecovery.cli;

import io.etlrecovery.cli.internal.Printable;
import io.etlrecovery.pipeline.PipelineProvider;
import io.etlrecovery.pipeline.Pipelines;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code pipelines}: the pipelines on the class path ({@link Pipelines#discover()}), by name, with their
 * description and provider class; providers that failed to load are reported on standard error. Does not open
 * the store.
 */
@Command(name = "pipelines",
        description = {"Lists the pipelines that 'run' knows: those whose PipelineProvider is listed in "
                + "META-INF/services/io.etlrecovery.pipeline.PipelineProvider on the class path."})
final class PipelinesCommand implements Callable<Integer> {

    static final List<String> COLUMNS = List.of("name", "description", "provider");

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption format;

    // set by tests through Main's customizer
    Pipelines pipelines;

    @Override
    public Integer call() {
        EtlRecoveryCommand root = EtlRecoveryCommand.of(spec);
        Pipelines known = pipelines != null ? pipelines : Pipelines.discover();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PipelineProvider p : known.providers()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", p.name());
            String description;
            try {
                description = p.description();
            } catch (RuntimeException e) {
                description = "(description failed: " + e.getMessage() + ")";
            }
            row.put("description", description);
            row.put("provider", p.getClass().getName());
            rows.add(row);
        }
        format.print(root.out(), COLUMNS, rows);
        if (format.isTable() && rows.isEmpty()) {
            root.out().println("(no pipeline on the class path: list a PipelineProvider in "
                    + "META-INF/services/io.etlrecovery.pipeline.PipelineProvider)");
        }
        for (String problem : known.loadErrors()) {
            root.err().println("warning: a pipeline provider could not be loaded: " + Printable.line(problem));
        }
        return ExitCode.OK.code();
    }
}
