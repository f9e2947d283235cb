package io.etlrecovery.recovery;

import io.etlrecovery.recovery.internal.ThrowableChain;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One rule of an {@link ErrorClassifier}: conditions on a failure and the {@link Classification} it gives when
 * they all hold. Immutable and thread-safe; made by {@link #builder(String)}, which checks every value at once.
 *
 * <p>Conditions (at least one; all given ones must hold):
 * <ul>
 *   <li>{@link Builder#exceptionType(Class)}: some throwable of the failure is an instance of the class;</li>
 *   <li>{@link Builder#exceptionType(String)}: some throwable's class, or one of its superclasses, has this
 *       name (so a class need not be on the class path);</li>
 *   <li>{@link Builder#sqlState(String...)}: some {@link SQLException} has one of the SQLStates: two characters
 *       name a class ({@code "08"} matches {@code "08001"}), five characters an exact state;</li>
 *   <li>{@link Builder#messageMatches(String)}: the regular expression is found (case-insensitively) in the
 *       message of some throwable.</li>
 * </ul>
 * "Throwables of the failure" are the failure, its causes, and for SQL exceptions their
 * {@link SQLException#getNextException() next exceptions}, at most 32, each once.
 * Each condition looks at the whole chain on its own: {@code exceptionType(IOException.class)} and
 * {@code messageMatches("quota")} hold when an IOException is anywhere and "quota" is in any message.
 *
 * <p>Defaults: type {@link ErrorType#UNCLASSIFIED}, severity {@link Severity#MEDIUM}, recoverable {@code true}
 * for {@link ErrorCategory#TRANSIENT}, {@link ErrorCategory#DATA} and {@link ErrorCategory#UNKNOWN} and
 * {@code false} otherwise, and a generic remediation text for the category. The category has no default.
 */
public final class ClassificationRule {

    private static final Pattern CLASS_NAME =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(?:\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final Pattern SQL_STATE = Pattern.compile("[0-9A-Z]{2}(?:[0-9A-Z]{3})?");

    private final String name;
    private final Class<? extends Throwable> exceptionClass;
    private final String exceptionClassName;
    private final String[] sqlStates;
    private final Pattern messagePattern;
    private final Classification classification;
    private final Optional<Classification> result;

    private ClassificationRule(Builder b, Classification classification) {
        this.name = b.name;
        this.exceptionClass = b.exceptionClass;
        this.exceptionClassName = b.exceptionClassName;
        this.sqlStates = b.sqlStates;
        this.messagePattern = b.messagePattern;
        this.classification = classification;
        this.result = Optional.of(classification);
    }

    /**
     * Starts a rule.
     *
     * @param name shown as {@link Classification#ruleName()}; not blank
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    public static Builder builder(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: a classification rule needs a non-blank name, was "
                    + (name == null ? "null" : "\"" + name + "\""));
        }
        return new Builder(name.strip());
    }

    /** The rule's name. */
    public String name() {
        return name;
    }

    /** What the rule gives when it matches ({@link Classification#ruleName()} is this rule's name). */
    public Classification classification() {
        return classification;
    }

    /**
     * Tests the rule against {@code failure}.
     *
     * @return this rule's classification if every condition holds, else empty (also for {@code null})
     */
    public Optional<Classification> match(Throwable failure) {
        if (failure == null) {
            return Optional.empty();
        }
        return matches(ThrowableChain.of(failure)) ? result : Optional.empty();
    }

    /** The cheap conditions first (SQLState, types), the message regex last. Allocation-free unless a regex runs. */
    boolean matches(ThrowableChain chain) {
        if (sqlStates != null && !matchesSqlState(chain)) {
            return false;
        }
        if (exceptionClass != null && !matchesClass(chain)) {
            return false;
        }
        if (exceptionClassName != null && !matchesClassName(chain)) {
            return false;
        }
        return messagePattern == null || matchesMessage(chain);
    }

    private boolean matchesSqlState(ThrowableChain chain) {
        if (!chain.hasSqlException()) {
            return false;
        }
        for (int i = 0, n = chain.size(); i < n; i++) {
            if (chain.get(i) instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null) {
                    for (String wanted : sqlStates) {
                        if (wanted.length() == 2
                                ? state.length() >= 2 && state.regionMatches(true, 0, wanted, 0, 2)
                                : state.equalsIgnoreCase(wanted)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private boolean matchesClass(ThrowableChain chain) {
        for (int i = 0, n = chain.size(); i < n; i++) {
            if (exceptionClass.isInstance(chain.get(i))) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesClassName(ThrowableChain chain) {
        for (int i = 0, n = chain.size(); i < n; i++) {
            for (Class<?> c = chain.get(i).getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                if (c.getName().equals(exceptionClassName)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean matchesMessage(ThrowableChain chain) {
        java.util.regex.Matcher matcher = null;
        for (int i = 0, n = chain.size(); i < n; i++) {
            String message = chain.message(i);
            if (message == null || message.isEmpty()) {
                continue;
            }
            if (matcher == null) {
                matcher = messagePattern.matcher(message);
            } else {
                matcher.reset(message);
            }
            if (matcher.find()) {
                return true;
            }
        }
        return false;
    }

    /** The rule's name and conditions, for logs and error messages. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ClassificationRule[").append(name);
        if (exceptionClass != null) {
            sb.append(", exceptionType=").append(exceptionClass.getName());
        }
        if (exceptionClassName != null) {
            sb.append(", exceptionType=\"").append(exceptionClassName).append('"');
        }
        if (sqlStates != null) {
            sb.append(", sqlState=").append(Arrays.toString(sqlStates));
        }
        if (messagePattern != null) {
            sb.append(", messageMatches=/").append(messagePattern.pattern()).append('/');
        }
        return sb.append(" -> ").append(classification.category()).append('/').append(classification.type())
                .append('/').append(classification.severity()).append(']').toString();
    }

    /**
     * Builds a {@link ClassificationRule}; each method checks its argument at once and names it in the
     * exception. Not thread-safe.
     */
    public static final class Builder {
        private final String name;
        private Class<? extends Throwable> exceptionClass;
        private String exceptionClassName;
        private String[] sqlStates;
        private Pattern messagePattern;
        private ErrorCategory category;
        private ErrorType type = ErrorType.UNCLASSIFIED;
        private Severity severity = Severity.MEDIUM;
        private Boolean recoverable;
        private String remediation;

        private Builder(String name) {
            this.name = name;
        }

        /** Condition: some throwable of the failure is an instance of {@code type}. */
        public Builder exceptionType(Class<? extends Throwable> type) {
            this.exceptionClass = Objects.requireNonNull(type, "exceptionType");
            return this;
        }

        /**
         * Condition: some throwable's class or one of its superclasses is named {@code className} (the binary
         * name, as {@link Class#getName()} gives it, e.g. {@code "org.apache.commons.csv.CSVException"}).
         * Interfaces are not looked at.
         *
         * @throws IllegalArgumentException if {@code className} is not a well-formed class name
         */
        public Builder exceptionType(String className) {
            if (className == null || !CLASS_NAME.matcher(className).matches()) {
                throw new IllegalArgumentException("exceptionType: not a class name such as "
                        + "\"java.net.ConnectException\": " + (className == null ? "null" : "\"" + className + "\""));
            }
            this.exceptionClassName = className;
            return this;
        }

        /**
         * Condition: some {@link SQLException} of the failure has one of {@code states}: two characters name a
         * SQLState class ({@code "23"}), five an exact state ({@code "40P01"}). Compared case-insensitively.
         *
         * @throws IllegalArgumentException if none is given or one is not 2 or 5 letters/digits
         */
        public Builder sqlState(String... states) {
            if (states == null || states.length == 0) {
                throw new IllegalArgumentException("sqlState: give at least one SQLState");
            }
            String[] copy = new String[states.length];
            for (int i = 0; i < states.length; i++) {
                String s = states[i] == null ? null : states[i].toUpperCase(Locale.ROOT);
                if (s == null || !SQL_STATE.matcher(s).matches()) {
                    throw new IllegalArgumentException("sqlState: must be 2 characters (a class such as \"08\") or "
                            + "5 characters (a state such as \"40P01\"), letters and digits only; was "
                            + (s == null ? "null" : "\"" + states[i] + "\""));
                }
                copy[i] = s;
            }
            this.sqlStates = copy;
            return this;
        }

        /**
         * Condition: {@code regex} is found, case-insensitively, in the message of some throwable of the failure.
         * Compiled once, here.
         *
         * @throws IllegalArgumentException if {@code regex} is empty or not a valid regular expression
         */
        public Builder messageMatches(String regex) {
            if (regex == null || regex.isEmpty()) {
                throw new IllegalArgumentException("messageMatches: the regular expression must not be empty");
            }
            try {
                this.messagePattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("messageMatches: invalid regular expression \"" + regex + "\": "
                        + e.getDescription() + " near index " + e.getIndex(), e);
            }
            return this;
        }

        /** The category given on a match; required. */
        public Builder category(ErrorCategory category) {
            this.category = Objects.requireNonNull(category, "category");
            return this;
        }

        /** The type given on a match; default {@link ErrorType#UNCLASSIFIED}. */
        public Builder type(ErrorType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /** The severity given on a match; default {@link Severity#MEDIUM}. */
        public Builder severity(Severity severity) {
            this.severity = Objects.requireNonNull(severity, "severity");
            return this;
        }

        /**
         * Whether a matching failure can succeed when tried again (now or after the data is fixed); default
         * {@code true} for TRANSIENT, DATA and UNKNOWN, {@code false} for CONFIGURATION and SYSTEM.
         */
        public Builder recoverable(boolean recoverable) {
            this.recoverable = recoverable;
            return this;
        }

        /** What a person should do about a matching failure; default a generic text for the category. */
        public Builder remediation(String remediation) {
            if (remediation == null || remediation.isBlank()) {
                throw new IllegalArgumentException("remediation: must not be blank");
            }
            this.remediation = remediation.strip();
            return this;
        }

        /**
         * Builds the rule.
         *
         * @throws IllegalStateException if no condition or no category was given
         */
        public ClassificationRule build() {
            if (exceptionClass == null && exceptionClassName == null && sqlStates == null && messagePattern == null) {
                throw new IllegalStateException("classification rule \"" + name + "\" has no condition: give at "
                        + "least one of exceptionType, sqlState or messageMatches (a rule matching everything "
                        + "would hide every other rule)");
            }
            if (category == null) {
                throw new IllegalStateException("classification rule \"" + name + "\" has no category: call "
                        + "category(..)");
            }
            boolean rec = recoverable != null ? recoverable : switch (category) {
                case TRANSIENT, DATA, UNKNOWN -> true;
                case CONFIGURATION, SYSTEM -> false;
            };
            String text = remediation != null ? remediation : defaultRemediation(category);
            return new ClassificationRule(this, new Classification(category, type, severity, rec, text, name));
        }

        private static String defaultRemediation(ErrorCategory category) {
            return switch (category) {
                case TRANSIENT -> "Transient failure: it is retried; if it persists, check the remote system.";
                case CONFIGURATION -> "Configuration problem: fix the setting, credential or permission named in "
                        + "the error, then resume the run.";
                case DATA -> "Bad record: it is quarantined; fix the data and replay it.";
                case SYSTEM -> "The machine is short of a resource: free it (memory, disk, file handles), then "
                        + "resume the run.";
                case UNKNOWN -> "Unclassified failure: inspect the error and add a classification rule if it "
                        + "recurs.";
            };
        }
    }
}
