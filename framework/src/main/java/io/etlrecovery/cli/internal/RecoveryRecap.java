package io.etlrecovery.cli.internal;

import io.etlrecovery.internal.Fmt;
import io.etlrecovery.recovery.Alert;
import io.etlrecovery.recovery.AlertListener;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the recovery machinery did during one run, told from the store's RECOVERY_ACTIONS after the run: how many
 * records a retry recovered, each circuit-breaker transition (time since the run started, breaker, from → to, why),
 * how many records a fallback handled, and the alerts raised (collected by {@link #alerts()} while the run ran,
 * instead of logging them). For the {@code demo} command; reads with two parameterized, portable queries.
 * Not thread-safe, except {@link #alerts()}, which may be called from any thread.
 */
public final class RecoveryRecap {

    /** Breaker transitions shown at most; the rest are counted. */
    static final int MAX_TRANSITIONS = 12;

    private final List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
    private final AlertListener listener = alerts::add;

    /** The recovery actions of one run, counted per action, and its breaker transitions in order. */
    public record Actions(Map<String, Long> counts, List<Transition> transitions) {
        public Actions {
            counts = Map.copyOf(counts);
            transitions = List.copyOf(transitions);
        }

        /** How many actions of this kind (e.g. {@code FALLBACK_USED}) the run recorded. */
        public long count(String action) {
            return counts.getOrDefault(action, 0L);
        }
    }

    /** One breaker state change: which breaker, its detail ({@code CLOSED -> OPEN: why}) and when. */
    public record Transition(String breaker, String action, String detail, Instant at) {
    }

    /** A listener collecting the run's alerts, for {@link io.etlrecovery.runner.PipelineRunner.Builder#alertListener}. */
    public AlertListener alerts() {
        return listener;
    }

    /** The alerts collected so far, in the order raised. */
    public List<Alert> collected() {
        synchronized (alerts) {
            return List.copyOf(alerts);
        }
    }

    /**
     * Reads the recovery actions of run {@code runId}.
     *
     * @throws StoreException when the store cannot be read
     */
    public static Actions read(Store store, long runId) {
        Map<String, Long> counts = new HashMap<>();
        List<Transition> transitions = new ArrayList<>();
        try (Connection c = store.openConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT ACTION, COUNT(*) FROM RECOVERY_ACTIONS "
                    + "WHERE RUN_ID = ? GROUP BY ACTION")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT TARGET, ACTION, DETAIL, CREATED_AT "
                    + "FROM RECOVERY_ACTIONS WHERE RUN_ID = ? AND ACTION IN (?, ?, ?) ORDER BY ACTION_ID")) {
                ps.setLong(1, runId);
                ps.setString(2, "BREAKER_OPENED");
                ps.setString(3, "BREAKER_HALF_OPENED");
                ps.setString(4, "BREAKER_CLOSED");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp at = rs.getTimestamp(4);
                        transitions.add(new Transition(rs.getString(1), rs.getString(2), rs.getString(3),
                                at == null ? null : at.toInstant()));
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Could not read the recovery actions of run " + runId + ": " + e.getMessage(), e);
        }
        return new Actions(counts, transitions);
    }

    /**
     * Prints the recap of a run that started at {@code startedAt} (for the times of the transitions), each line
     * indented by {@code indent}.
     */
    public void print(PrintWriter out, Actions actions, long retries, Instant startedAt, String indent) {
        Objects.requireNonNull(actions, "actions");
        long recovered = actions.count("RETRIED_AND_SUCCEEDED");
        long exhausted = actions.count("RETRIES_EXHAUSTED");
        out.println(indent + row("Retries", Fmt.count(retries) + (retries == 1 ? " retry" : " retries") + ": "
                + Fmt.count(recovered) + (recovered == 1 ? " record" : " records") + " recovered by a retry"
                + (exhausted > 0 ? ", " + Fmt.count(exhausted) + " ran out of attempts" : "")));
        List<Transition> ts = actions.transitions();
        if (ts.isEmpty()) {
            out.println(indent + row("Circuit breaker", "stayed closed"));
        } else {
            out.println(indent + row("Circuit breaker", ts.size() + (ts.size() == 1 ? " transition" : " transitions")
                    + " (seconds after the run started):"));
            int shown = Math.min(ts.size(), MAX_TRANSITIONS);
            // the first transitions and the last one tell the story: opened ... closed again
            List<Transition> picked = new ArrayList<>(ts.subList(0, shown));
            if (ts.size() > shown) picked.set(shown - 1, ts.get(ts.size() - 1));
            for (int i = 0; i < picked.size(); i++) {
                if (ts.size() > shown && i == shown - 1) {
                    out.println(indent + "    ... " + (ts.size() - shown) + " more ...");
                }
                Transition t = picked.get(i);
                out.println(indent + "    " + offset(startedAt, t.at()) + "  " + TerminalText.safe(t.breaker()) + "  "
                        + TerminalText.safe(t.detail()));
            }
        }
        long fallbacks = actions.count("FALLBACK_USED");
        out.println(indent + row("Fallback", Fmt.count(fallbacks) + (fallbacks == 1 ? " record" : " records")
                + " handled by the fallback instead of the dependency"));
        // an opening's alert repeats its transition above: counted, not repeated
        List<Alert> raised = new ArrayList<>();
        long openings = 0;
        for (Alert a : collected()) {
            if (a.kind() == Alert.Kind.BREAKER_OPENED) openings++;
            else raised.add(a);
        }
        if (raised.isEmpty() && openings == 0) {
            out.println(indent + row("Alerts", "none"));
            return;
        }
        String label = "Alerts";
        for (Alert a : raised) {
            out.println(indent + row(label, a.level() + " " + a.kind() + ": "
                    + Printable.line(a.message())));
            label = "";
        }
        if (openings > 0) {
            out.println(indent + row(label, "WARNING BREAKER_OPENED " + (openings == 1 ? "once" : openings + " times")
                    + " (the openings above)"));
        }
    }

    private static String offset(Instant start, Instant at) {
        if (start == null || at == null) return "      ?";
        Duration d = Duration.between(start, at);
        return String.format(Locale.ROOT, "%+7.2f s", d.toMillis() / 1000.0);
    }

    private static String row(String label, String value) {
        return String.format("%-16s", label.isEmpty() ? "" : label + ":") + " " + value;
    }
}
