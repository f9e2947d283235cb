package io.etlrecovery.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Multi-window, multi-burn-rate alerting as the Google SRE workbook defines it ("Alerting on SLOs"): a rule fires
 * when the budget's burn rate is above the rule's threshold over its long window <em>and</em> over its short
 * window (the short window confirms that the burn is still going on). Burn rate = the error ratio in a window /
 * (1 − SLO): 1 spends exactly the budget over the SLO window. Comparisons are strict ({@code >}) and exact.
 *
 * <p>The defaults ({@link #defaults()}) are the workbook's:
 * <ul>
 *   <li>PAGE when the burn rate is above 14.4 over 1 hour and over 5 minutes (2% of a 30-day budget in an hour);</li>
 *   <li>PAGE when it is above 6 over 6 hours and over 30 minutes (5% in 6 hours);</li>
 *   <li>TICKET when it is above 1 over 3 days and over 6 hours (10% in 3 days).</li>
 * </ul>
 * Immutable; made by {@link #builder()}, whose setters validate at once.
 */
public final class BurnRateAlertPolicy {

    /** How urgent an alert is. */
    public enum Severity {
        /** Someone must act now. */
        PAGE,
        /** Someone must act within days. */
        TICKET
    }

    /**
     * One alert condition.
     *
     * @param severity    PAGE or TICKET
     * @param longWindow  the window the burn rate must be high over, e.g. 1 hour
     * @param shortWindow the confirming window, shorter than {@code longWindow}, e.g. 5 minutes
     * @param burnRate    the threshold, {@code > 0}: the rule fires above it
     */
    public record Rule(Severity severity, Duration longWindow, Duration shortWindow, double burnRate) {
        public Rule {
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(longWindow, "longWindow");
            Objects.requireNonNull(shortWindow, "shortWindow");
            if (shortWindow.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("shortWindow must be at least 1 second, was " + shortWindow);
            }
            if (longWindow.compareTo(shortWindow) <= 0) {
                throw new IllegalArgumentException("longWindow (" + longWindow + ") must be longer than shortWindow ("
                        + shortWindow + ")");
            }
            if (longWindow.compareTo(MAX_WINDOW) > 0) {
                throw new IllegalArgumentException("longWindow must be at most 366 days, was " + longWindow);
            }
            if (!(burnRate > 0.0) || Double.isInfinite(burnRate)) {
                throw new IllegalArgumentException("burnRate must be > 0, was " + burnRate);
            }
        }
    }

    private static final Duration MAX_WINDOW = Duration.ofDays(366);

    private static final BurnRateAlertPolicy DEFAULTS = builder().build();
    private static final BurnRateAlertPolicy NONE = builder().clear().build();

    private final List<Rule> rules;

    private BurnRateAlertPolicy(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The SRE workbook's rules (see the class comment). */
    public static BurnRateAlertPolicy defaults() {
        return DEFAULTS;
    }

    /** No alerts. */
    public static BurnRateAlertPolicy none() {
        return NONE;
    }

    /** A builder holding the default rules; {@link Builder#clear()} removes them. */
    public static Builder builder() {
        return new Builder();
    }

    /** The rules, PAGE rules first. */
    public List<Rule> rules() {
        return rules;
    }

    /** The longest window any rule looks at, or zero without rules. */
    public Duration longestWindow() {
        return rules.stream().map(Rule::longWindow).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BurnRateAlertPolicy p && p.rules.equals(rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    @Override
    public String toString() {
        return "BurnRateAlertPolicy" + rules;
    }

    /** Builds a {@link BurnRateAlertPolicy}; starts with the default rules. Not thread-safe. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>(List.of(
                new Rule(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 14.4),
                new Rule(Severity.PAGE, Duration.ofHours(6), Duration.ofMinutes(30), 6),
                new Rule(Severity.TICKET, Duration.ofDays(3), Duration.ofHours(6), 1)));

        private Builder() {
        }

        /** Removes every rule, the defaults included. */
        public Builder clear() {
            rules.clear();
            return this;
        }

        /** Adds a rule; see {@link Rule} for what is checked. */
        public Builder rule(Severity severity, Duration longWindow, Duration shortWindow, double burnRate) {
            rules.add(new Rule(severity, longWindow, shortWindow, burnRate));
            return this;
        }

        /** Adds a PAGE rule. */
        public Builder page(Duration longWindow, Duration shortWindow, double burnRate) {
            return rule(Severity.PAGE, longWindow, shortWindow, burnRate);
        }

        /** Adds a TICKET rule. */
        public Builder ticket(Duration longWindow, Duration shortWindow, double burnRate) {
            return rule(Severity.TICKET, longWindow, shortWindow, burnRate);
        }

        public BurnRateAlertPolicy build() {
            List<Rule> sorted = new ArrayList<>(rules);
            sorted.sort(Comparator.comparing(Rule::severity)); // stable: PAGE rules first, in the order given
            return new BurnRateAlertPolicy(sorted);
        }
    }
}
