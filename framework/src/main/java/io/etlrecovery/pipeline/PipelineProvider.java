package io.etlrecovery.pipeline;

import java.nio.file.Path;
import java.util.Map;
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
     * What a run is started with.
     *
     * @param input      the {@code --input} path, if given
     * @param parameters {@code --param key=value} pairs
     */
    record Context(Optional<Path> input, Map<String, String> parameters) {
        public Context {
            parameters = Map.copyOf(parameters);
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
