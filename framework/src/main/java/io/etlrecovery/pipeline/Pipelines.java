package io.etlrecovery.pipeline;

import io.etlrecovery.EtlRecoveryException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The pipelines known by name: {@link PipelineProvider}s found on the class path ({@link #discover()}) or given
 * ({@link #of}). This is how {@code run <name>}, {@code runs resume} and {@code quarantine reprocess} find a
 * pipeline, the user's own included.
 *
 * <pre>{@code
 * Pipelines pipelines = Pipelines.discover();
 * Pipeline p = pipelines.create("orders-import", new PipelineProvider.Context(Optional.of(csv), Map.of()));
 * PipelineRunner.on(store).run(p);
 * }</pre>
 *
 * <p>To make a pipeline known, implement {@link PipelineProvider} (a public class with a public no-argument
 * constructor) and list its class name in {@code META-INF/services/io.etlrecovery.pipeline.PipelineProvider}.
 *
 * <p>A provider that cannot be loaded (its class is missing or its constructor throws) does not break the others:
 * it is left out and described in {@link #loadErrors()}, and the message for an unknown name mentions it. Two
 * providers of the same name make that name ambiguous: {@link #get} refuses it, naming both classes. Immutable
 * and thread-safe.
 */
public final class Pipelines {

    private final Map<String, List<PipelineProvider>> byName;
    private final List<String> loadErrors;

    private Pipelines(Map<String, List<PipelineProvider>> byName, List<String> loadErrors) {
        this.byName = byName;
        this.loadErrors = List.copyOf(loadErrors);
    }

    /** The providers registered with {@link ServiceLoader} and visible to this thread's context class loader. */
    public static Pipelines discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : Pipelines.class.getClassLoader());
    }

    /** The providers registered with {@link ServiceLoader} and visible to {@code loader}. */
    public static Pipelines discover(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        List<PipelineProvider> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Iterator<PipelineProvider> it = ServiceLoader.load(PipelineProvider.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) break;
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                errors.add(String.valueOf(e.getMessage()));
            }
        }
        return build(found, errors);
    }

    /** Exactly these providers. */
    public static Pipelines of(PipelineProvider... providers) {
        return of(List.of(providers));
    }

    /** Exactly these providers. */
    public static Pipelines of(Collection<? extends PipelineProvider> providers) {
        Objects.requireNonNull(providers, "providers");
        return build(new ArrayList<>(providers), List.of());
    }

    private static Pipelines build(List<? extends PipelineProvider> providers, List<String> errors) {
        Map<String, List<PipelineProvider>> byName = new TreeMap<>();
        List<String> problems = new ArrayList<>(errors);
        for (PipelineProvider p : providers) {
            Objects.requireNonNull(p, "provider");
            String name;
            try {
                name = p.name();
            } catch (RuntimeException e) {
                problems.add(p.getClass().getName() + ": name() failed: " + e.getMessage());
                continue;
            }
            if (name == null || name.isBlank()) {
                problems.add(p.getClass().getName() + ": name() returned no name");
                continue;
            }
            byName.computeIfAbsent(name, k -> new ArrayList<>()).add(p);
        }
        byName.replaceAll((k, v) -> List.copyOf(v));
        return new Pipelines(java.util.Collections.unmodifiableMap(byName), problems);
    }

    /** The names of the known pipelines, sorted. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** One provider per name (the first found when a name is ambiguous), sorted by name. */
    public List<PipelineProvider> providers() {
        return byName.values().stream().map(l -> l.get(0)).toList();
    }

    /** The provider named {@code name}, if exactly one is known. */
    public Optional<PipelineProvider> find(String name) {
        List<PipelineProvider> l = byName.get(name);
        return l == null || l.size() != 1 ? Optional.empty() : Optional.of(l.get(0));
    }

    /**
     * The provider named {@code name}.
     *
     * @throws UnknownPipelineException when none is known, naming the known pipelines
     * @throws EtlRecoveryException when two or more providers have that name, naming their classes
     */
    public PipelineProvider get(String name) {
        Objects.requireNonNull(name, "name");
        List<PipelineProvider> l = byName.get(name);
        if (l == null) throw unknown(name);
        if (l.size() > 1) {
            throw new EtlRecoveryException("Pipeline name '" + name + "' is claimed by " + l.size() + " providers: "
                    + String.join(", ", l.stream().map(p -> p.getClass().getName()).toList())
                    + ". Rename one of them or remove one from the class path.");
        }
        return l.get(0);
    }

    /**
     * Builds pipeline {@code name} for one run.
     *
     * @throws UnknownPipelineException when no such pipeline is known
     * @throws IllegalArgumentException when the provider rejects {@code context} (e.g. a missing input), unchanged
     * @throws EtlRecoveryException when the provider fails otherwise, or returns a pipeline of another name
     */
    public Pipeline create(String name, PipelineProvider.Context context) {
        PipelineProvider provider = get(name);
        Pipeline p;
        try {
            p = provider.create(Objects.requireNonNull(context, "context"));
        } catch (IllegalArgumentException | EtlRecoveryException e) {
            throw e;
        } catch (Exception e) {
            throw new EtlRecoveryException("Cannot build pipeline '" + name + "' (" + provider.getClass().getName()
                    + "): " + e, e);
        }
        if (p == null) {
            throw new EtlRecoveryException("Pipeline provider " + provider.getClass().getName() + " returned no "
                    + "pipeline for '" + name + "'.");
        }
        if (!p.name().equals(name)) {
            throw new EtlRecoveryException("Pipeline provider " + provider.getClass().getName() + " is named '" + name
                    + "' but built a pipeline named '" + p.name() + "'; the two names must be the same, since runs "
                    + "are recorded under the pipeline's name.");
        }
        return p;
    }

    /** Why providers were left out (a class that could not be loaded or made, a missing name); usually empty. */
    public List<String> loadErrors() {
        return loadErrors;
    }

    private UnknownPipelineException unknown(String name) {
        StringBuilder sb = new StringBuilder("There is no pipeline named '").append(name).append("'. ");
        if (byName.isEmpty()) {
            sb.append("No pipeline is on the class path");
        } else {
            sb.append("The known pipelines are: ").append(String.join(", ", byName.keySet()));
        }
        sb.append(". A pipeline is made known by a PipelineProvider listed in "
                + "META-INF/services/io.etlrecovery.pipeline.PipelineProvider.");
        if (!loadErrors.isEmpty()) {
            sb.append(" Some providers could not be loaded: ").append(String.join("; ", loadErrors)).append('.');
        }
        return new UnknownPipelineException(name, List.copyOf(byName.keySet()), sb.toString());
    }

    @Override
    public String toString() {
        return "Pipelines" + byName.keySet();
    }
}
