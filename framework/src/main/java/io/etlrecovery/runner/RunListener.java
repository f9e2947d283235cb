package io.etlrecovery.runner;

/**
 * Observes a run: progress displays, health sampling, metrics. Called on the runner's thread; keep it quick. A
 * listener that throws is logged and ignored: it never fails a run.
 */
public interface RunListener {

    /** The run started or resumed. */
    default void onRunStarted(RunStarted event) {
    }

    /** A batch committed. */
    default void onBatchCommitted(BatchCommitted event) {
    }

    /** The run ended (succeeded, failed or stopped). */
    default void onRunFinished(RunResult result) {
    }

    /**
     * A run started.
     *
     * @param runId    the run
     * @param pipeline its pipeline
     * @param resumed  whether it resumed an unfinished run
     * @param input    the input's description (a file path), or {@code null}
     */
    record RunStarted(long runId, String pipeline, boolean resumed, String input) {
    }

    /**
     * A batch committed; counts are the run's totals so far.
     *
     * @param fractionRead how much of the step's input is read, 0..1, or negative when unknown
     * @param openBreakers names of circuit breakers currently open
     */
    record BatchCommitted(long runId, String pipeline, String step, long batchNumber, long recordsRead,
                          long recordsLoaded, long recordsQuarantined, long retries, double fractionRead,
                          java.util.List<String> openBreakers) {
    }
}
