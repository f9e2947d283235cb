package io.etlrecovery.runner;

/** How {@link PipelineRunner#run} treats an unfinished run of the same pipeline. */
public enum RunMode {
    /** Resume the unfinished run if there is one (and say so), else start a new run. The default. */
    AUTO,
    /** Resume the unfinished run; refuse when there is none. */
    RESUME,
    /** Roll back what the unfinished run loaded, abandon it, and start afresh. */
    RESTART
}
