package io.etlrecovery.pipeline;

/**
 * One step of a {@link Pipeline}: a {@link BatchStep} (source, processors, sink, committed in batches) or a
 * {@link TaskStep} (one unit of work, retried as a whole). A run executes its pipeline's steps in order and,
 * when resumed, skips the steps it completed.
 */
public sealed interface Step permits BatchStep, TaskStep {

    /** The step's name, unique in its pipeline; checkpoints are kept per step name. */
    String name();
}
