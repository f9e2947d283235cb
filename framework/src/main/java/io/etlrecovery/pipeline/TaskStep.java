package io.etlrecovery.pipeline;

import io.etlrecovery.recovery.CallOptions;
import java.sql.Connection;
import java.util.Objects;

/**
 * A step that is one unit of work (refresh an aggregate, export a report, call an API), run under the recovery
 * manager and retried as a whole. A task that writes through {@link TaskContext#connection()} commits in the
 * same transaction as the step's completion mark: exactly once. Immutable.
 */
public final class TaskStep implements Step {

    /** The work of a task step. */
    @FunctionalInterface
    public interface Task {
        void run(TaskContext context) throws Exception;
    }

    /** What a task may use. */
    public interface TaskContext {
        /**
         * The task's transaction on the store's database; do not commit, roll back or close it, nor change its
         * settings (schema, read-only, isolation): the store reuses the connection.
         */
        Connection connection();

        long runId();

        String pipeline();
    }

    private final String name;
    private final Task task;
    private final CallOptions<Object> options;
    private final Compensable compensation;

    private TaskStep(String name, Task task, CallOptions<Object> options, Compensable compensation) {
        this.name = Pipeline.requireName(name, "step name");
        this.task = Objects.requireNonNull(task, "task");
        this.options = Objects.requireNonNull(options, "options");
        this.compensation = compensation;
    }

    /** A task step with the default call options. */
    public static TaskStep of(String name, Task task) {
        return new TaskStep(name, task, CallOptions.defaults(), null);
    }

    /** This step with {@code options} (breaker, timeout, retry) for its calls. */
    public TaskStep withOptions(CallOptions<Object> options) {
        return new TaskStep(name, task, options, compensation);
    }

    /** This step with a compensation that undoes what a run did, for {@code runs rollback}. */
    public TaskStep withCompensation(Compensable compensation) {
        return new TaskStep(name, task, options, Objects.requireNonNull(compensation, "compensation"));
    }

    @Override
    public String name() {
        return name;
    }

    public Task task() {
        return task;
    }

    public CallOptions<Object> options() {
        return options;
    }

    /** The compensation, or {@code null}. */
    public Compensable compensation() {
        return compensation;
    }
}
