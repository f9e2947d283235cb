package io.etlrecovery;

import org.slf4j.MDC;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;

/**
 * Correlation keys for log lines (SLF4J MDC), so every line of a run can be found by run, pipeline, step and
 * batch: put a value for a block and it is restored when the block ends.
 *
 * <pre>{@code
 * try (LogContext.Scope run = LogContext.put(LogContext.RUN_ID, runId);
 *      LogContext.Scope step = LogContext.put(LogContext.STEP, "load")) {
 *     ...
 * }
 * }</pre>
 *
 * The MDC is per thread: close a scope on the thread that opened it, innermost first (try-with-resources does
 * both). When the SLF4J binding has no MDC (slf4j-simple, or no binding) the values are kept in a per-thread map
 * of this class instead, so {@link #get(String)} still works for the framework's own records, but log lines do
 * not show them.
 */
public final class LogContext {

    /** The MDC key of the run id. */
    public static final String RUN_ID = "etl.runId";
    /** The MDC key of the pipeline name. */
    public static final String PIPELINE = "etl.pipeline";
    /** The MDC key of the step name. */
    public static final String STEP = "etl.step";
    /** The MDC key of the batch number. */
    public static final String BATCH = "etl.batch";

    private static final MDCAdapter ADAPTER = chooseAdapter();

    private LogContext() {
    }

    private static MDCAdapter chooseAdapter() {
        MDCAdapter bound = MDC.getMDCAdapter();
        return bound == null || bound instanceof NOPMDCAdapter ? new BasicMDCAdapter() : bound;
    }

    /** The current value of {@code key} on this thread, or {@code null}. */
    public static String get(String key) {
        return ADAPTER.get(key);
    }

    /**
     * Sets {@code key} to {@code String.valueOf(value)} in the MDC of this thread ({@code null} removes it) until
     * the returned scope is closed, which restores the value the key had before (or removes it).
     *
     * @throws IllegalArgumentException if {@code key} is null or blank
     */
    public static Scope put(String key, Object value) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("key: must not be blank");
        }
        String previous = ADAPTER.get(key);
        if (value == null) {
            ADAPTER.remove(key);
        } else {
            ADAPTER.put(key, String.valueOf(value));
        }
        return new Scope(key, previous);
    }

    /** Restores one MDC key when closed; closing twice does nothing the second time. Not thread-safe. */
    public static final class Scope implements AutoCloseable {
        private final String key;
        private final String previous;
        private boolean closed;

        private Scope(String key, String previous) {
            this.key = key;
            this.previous = previous;
        }

        /** Restores the key's previous value, or removes the key if it had none. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (previous == null) {
                ADAPTER.remove(key);
            } else {
                ADAPTER.put(key, previous);
            }
        }
    }
}
