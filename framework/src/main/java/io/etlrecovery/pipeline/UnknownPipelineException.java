package io.etlrecovery.pipeline;

import io.etlrecovery.EtlRecoveryException;
import java.util.List;

/**
 * No pipeline of the name asked for is known to a {@link Pipelines} registry. The message names the pipelines
 * that are known and how to make a pipeline known. On the command line this is a usage error (exit code 2).
 */
public class UnknownPipelineException extends EtlRecoveryException {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final List<String> knownNames;

    public UnknownPipelineException(String name, List<String> knownNames, String message) {
        super(message);
        this.name = name;
        this.knownNames = List.copyOf(knownNames);
    }

    /** The name asked for. */
    public String name() {
        return name;
    }

    /** The names of the pipelines that are known, sorted. */
    public List<String> knownNames() {
        return knownNames;
    }
}
