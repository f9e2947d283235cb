package io.etlrecovery.health;

import java.util.List;

/** Thrown by {@link PreRunChecks#verify} when a run must not start; the message lists every problem. */
public final class PreRunCheckException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<HealthProblem> problems;

    public PreRunCheckException(List<HealthProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** The checks that failed. */
    public List<HealthProblem> problems() {
        return problems;
    }

    private static String message(List<HealthProblem> problems) {
        StringBuilder sb = new StringBuilder("The run was not started: ");
        for (int i = 0; i < problems.size(); i++) {
            if (i > 0) sb.append(' ');
            sb.append(problems.get(i).message());
        }
        return sb.toString();
    }
}
