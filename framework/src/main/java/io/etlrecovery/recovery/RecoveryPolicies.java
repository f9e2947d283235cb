package io.etlrecovery.recovery;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The decision matrix: for each {@link ErrorCategory}, how often to retry and what to do when the retries are
 * exhausted. Immutable; {@link #with(ErrorCategory, CategoryPolicy)} returns a new instance.
 *
 * <p>Defaults ({@link #defaults()}):
 * <table>
 *   <caption>Default decision matrix</caption>
 *   <tr><th>Category</th><th>Attempts</th><th>When exhausted</th><th>Escalate</th></tr>
 *   <tr><td>TRANSIENT</td><td>{@link RetryPolicy#defaults()} (5 within 5 min, exponential 1 s → 60 s ±25%)</td>
 *       <td>QUARANTINE</td><td>no</td></tr>
 *   <tr><td>DATA</td><td>1 (no retry)</td><td>QUARANTINE</td><td>no</td></tr>
 *   <tr><td>CONFIGURATION</td><td>1 (no retry)</td><td>STOP_RUN</td><td>yes</td></tr>
 *   <tr><td>SYSTEM</td><td>2 (one retry, default backoff)</td><td>STOP_RUN</td><td>yes</td></tr>
 *   <tr><td>UNKNOWN</td><td>3 (default backoff)</td><td>QUARANTINE</td><td>no</td></tr>
 * </table>
 * Whatever the matrix says, a call refused by an open circuit breaker follows its
 * {@link OpenCircuitBehaviour} instead, and a record whose retries opened the breaker is not quarantined.
 */
public final class RecoveryPolicies {

    private static final RecoveryPolicies DEFAULTS = basedOn(RetryPolicy.defaults());

    private final Map<ErrorCategory, CategoryPolicy> policies;

    private RecoveryPolicies(Map<ErrorCategory, CategoryPolicy> policies) {
        this.policies = policies;
    }

    /** The default matrix (see the class comment). */
    public static RecoveryPolicies defaults() {
        return DEFAULTS;
    }

    /**
     * The default matrix with {@code retry} as the TRANSIENT policy and as the backoff and time bound of SYSTEM
     * (2 attempts) and UNKNOWN (3 attempts, or fewer if {@code retry} allows fewer).
     */
    public static RecoveryPolicies basedOn(RetryPolicy retry) {
        Objects.requireNonNull(retry, "retry");
        Map<ErrorCategory, CategoryPolicy> m = new EnumMap<>(ErrorCategory.class);
        m.put(ErrorCategory.TRANSIENT, new CategoryPolicy(retry, OnExhausted.QUARANTINE, false));
        m.put(ErrorCategory.DATA, new CategoryPolicy(RetryPolicy.none(), OnExhausted.QUARANTINE, false));
        m.put(ErrorCategory.CONFIGURATION, new CategoryPolicy(RetryPolicy.none(), OnExhausted.STOP_RUN, true));
        m.put(ErrorCategory.SYSTEM, new CategoryPolicy(retry.withMaxAttempts(Math.min(2, retry.maxAttempts())),
                OnExhausted.STOP_RUN, true));
        m.put(ErrorCategory.UNKNOWN, new CategoryPolicy(retry.withMaxAttempts(Math.min(3, retry.maxAttempts())),
                OnExhausted.QUARANTINE, false));
        return new RecoveryPolicies(m);
    }

    /** The policy of {@code category}; never null. */
    public CategoryPolicy get(ErrorCategory category) {
        return policies.get(Objects.requireNonNull(category, "category"));
    }

    /** A new matrix with {@code policy} for {@code category}; this one is unchanged. */
    public RecoveryPolicies with(ErrorCategory category, CategoryPolicy policy) {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(policy, "policy");
        Map<ErrorCategory, CategoryPolicy> m = new EnumMap<>(policies);
        m.put(category, policy);
        return new RecoveryPolicies(m);
    }

    /** The matrix as a Markdown table, one row per category, for documentation and reports. */
    public String toMarkdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| Category | Retry | When exhausted | Escalate |\n");
        sb.append("|---|---|---|---|\n");
        for (ErrorCategory c : ErrorCategory.values()) {
            CategoryPolicy p = policies.get(c);
            sb.append("| ").append(c).append(" | ").append(p.retry().describe()).append(" | ")
                    .append(p.onExhausted()).append(" | ").append(p.escalate() ? "yes" : "no").append(" |\n");
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecoveryPolicies r && r.policies.equals(policies);
    }

    @Override
    public int hashCode() {
        return policies.hashCode();
    }

    @Override
    public String toString() {
        return "RecoveryPolicies" + policies;
    }
}
