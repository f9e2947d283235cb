package io.etlrecovery.pipeline;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes a pipeline known to the command line: implementations listed in
 * {@code META-INF/services/io.etlrecovery.pipeline.PipelineProvider} are found with {@link java.util.ServiceLoader},
 * so {@code run <name>} works for any pipeline on the class path, the user's own included.
 */
public interface PipelineProvider {

    /** The pipeline's name, as given to {@code run}. */
    String name();

    /** One line saying what the pipeline does, for {@code --help} and listings. */
    default String description() {
        return "";
    }

    /** Builds the pipeline for one run. */
    Pipeline create(Context context) throws Exception;

    /**
     * Opens a new connection to the store's own database (the {@code --db} URL), for pipelines that read it, such
     * as a {@code JdbcSource} over a table an earlier pipeline loaded; the caller closes each connection. With a
     * {@code Store}: {@code store::openConnection}.
     */
    @FunctionalInterface
    interface StoreConnections {
        Connection open() throws SQLException;
    }

    /**
     * What a run is started with.
     *
     * @param input      the {@code --input} path, if given
     * @param parameters {@code --param key=value} pairs
     * @param store      connections to the store's own database, if the caller gives them (whoever runs pipelines
     *                   by name, such as the {@code run} command, should: {@code withStore(store::openConnection)})
     */
    record Context(Optional<Path> input, Map<String, String> parameters, Optional<StoreConnections> store) {
        public Context {
            Objects.requireNonNull(input, "input");
            parameters = Map.copyOf(parameters);
            Objects.requireNonNull(store, "store");
        }

        /** A context without connections to the store (enough for pipelines that only write through their sink). */
        public Context(Optional<Path> input, Map<String, String> parameters) {
            this(input, parameters, Optional.empty());
        }

        /** This context with {@code store} as the connections to the store's database. */
        public Context withStore(StoreConnections store) {
            return new Context(input, parameters, Optional.of(Objects.requireNonNull(store, "store")));
        }

        /** The store's connections, or an exception saying that the caller must give them. */
        public StoreConnections requireStore() {
            return store.orElseThrow(() -> new IllegalStateException("this pipeline reads the store's database, "
                    + "but its Context has no connections to it: create the Context with withStore(store::openConnection)"));
        }

        /** The input path, or an exception telling the user to pass {@code --input}. */
        public Path requireInput() {
            return input.orElseThrow(() -> new IllegalArgumentException("this pipeline needs an input file: pass --input <path>"));
        }

        public String parameter(String key, String defaultValue) {
            return parameters.getOrDefault(key, defaultValue);
        }
    }
}
