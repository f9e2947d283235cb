package io.etlrecovery.recovery;

import io.etlrecovery.recovery.internal.RulesFile;
import io.etlrecovery.recovery.internal.ThrowableChain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides what kind of failure a {@link Throwable} is: tries its {@link ClassificationRule rules} in order and
 * returns the {@link Classification} of the first that matches, or {@link #UNMATCHED} when none does.
 * Immutable and thread-safe.
 *
 * <p>Cheap enough to call for every failure: the cause chain is flattened once per call (at most
 * 32 throwables, each once, so cyclic chains end), regular expressions are
 * compiled when the rules are built, and SQLState and type conditions are tested before any regex runs.
 *
 * <p>{@link #defaults()} holds the default rule set, most specific evidence first: JVM errors, then SQLStates
 * (exact before classes), then exception types (DATA, CONFIGURATION, TRANSIENT), then message patterns
 * (specific phrases before broad ones, the bare word "timeout" last). The full ordered list with each rule's
 * verdict is in {@code docs/classification-rules.md}. A {@link #builder()} puts user rules before the defaults,
 * so they can refine or override them.
 */
public final class ErrorClassifier {

    /** The classification of a failure no rule matched. */
    public static final Classification UNMATCHED = new Classification(ErrorCategory.UNKNOWN,
            ErrorType.UNCLASSIFIED, Severity.MEDIUM, true,
            "Unclassified failure: inspect the error and add a classification rule if it recurs.", "default");

    private static final ErrorClassifier DEFAULTS = new ErrorClassifier(DefaultRules.create());

    private final ClassificationRule[] rules;
    private final List<ClassificationRule> ruleList;

    private ErrorClassifier(List<ClassificationRule> rules) {
        this.ruleList = List.copyOf(rules);
        this.rules = ruleList.toArray(new ClassificationRule[0]);
    }

    /** A classifier with the default rule set only (shared instance). */
    public static ErrorClassifier defaults() {
        return DEFAULTS;
    }

    /** Starts a classifier: user rules in the order given, then the default rules unless {@code withoutDefaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Classifies {@code failure}.
     *
     * @return the classification of the first matching rule, or {@link #UNMATCHED}
     * @throws NullPointerException if {@code failure} is null
     */
    public Classification classify(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        ThrowableChain chain = ThrowableChain.of(failure);
        for (ClassificationRule rule : rules) {
            if (rule.matches(chain)) {
                return rule.classification();
            }
        }
        return UNMATCHED;
    }

    /** The rules in the order they are tried (unmodifiable). */
    public List<ClassificationRule> rules() {
        return ruleList;
    }

    /**
     * Builds an {@link ErrorClassifier}. Rules added by {@link #rule} and {@link #rulesFrom} are tried in the
     * order they were added, before the default rules. Rule names must be unique (including the default
     * rules' names, unless {@link #withoutDefaults()}). Not thread-safe.
     */
    public static final class Builder {
        private final List<ClassificationRule> rules = new ArrayList<>();
        private boolean defaults = true;

        private Builder() {
        }

        /** Adds one rule after those already added. */
        public Builder rule(ClassificationRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Reads the rules of a JSON rules file (format in {@code docs/classification-rules.md}) and adds them, in
         * file order, after those already added. The file is read and checked now.
         *
         * @throws InvalidConfigurationException if the file cannot be read or a rule is invalid; the message
         *                                       names the file, the rule (index and name) and the key
         */
        public Builder rulesFrom(Path file) {
            Objects.requireNonNull(file, "file");
            rules.addAll(RulesFile.load(file));
            return this;
        }

        /** Leaves the default rules out: only the added rules are tried. */
        public Builder withoutDefaults() {
            this.defaults = false;
            return this;
        }

        /**
         * Builds the classifier.
         *
         * @throws IllegalStateException if two rules have the same name
         */
        public ErrorClassifier build() {
            List<ClassificationRule> all = new ArrayList<>(rules);
            if (defaults) {
                all.addAll(DEFAULTS.ruleList);
            }
            Set<String> names = new HashSet<>();
            for (ClassificationRule rule : all) {
                if (!names.add(rule.name())) {
                    boolean clashesWithDefault = defaults && DEFAULTS.ruleList.stream()
                            .anyMatch(r -> r.name().equals(rule.name()));
                    throw new IllegalStateException("rule: the name \"" + rule.name() + "\" is used twice"
                            + (clashesWithDefault ? " (a default rule has this name; choose another name, or "
                            + "use withoutDefaults())" : "") + "; rule names must be unique");
                }
            }
            return new ErrorClassifier(all);
        }
    }
}
