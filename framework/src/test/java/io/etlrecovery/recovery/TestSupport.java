package io.etlrecovery.recovery;

import io.etlrecovery.recovery.spi.FailureRecord;
import io.etlrecovery.recovery.spi.RecoveryActionRecord;
import io.etlrecovery.recovery.spi.RecoveryJournal;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Shared fixtures of the recovery tests: a fixed random, a recording journal, test failures and their classifier. */
final class TestSupport {

    private TestSupport() {
    }

    /** A generator whose {@code nextDouble()} always returns {@code value} (in [0, 1)). */
    static RandomGenerator fixedRandom(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return (long) (value * (1L << 53)) << 11;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    /** Records every journal call, thread-safely. */
    static final class RecordingJournal implements RecoveryJournal {
        private final List<FailureRecord> failures = new ArrayList<>();
        private final List<RecoveryActionRecord> actions = new ArrayList<>();

        @Override
        public synchronized void failure(FailureRecord record) {
            failures.add(record);
        }

        @Override
        public synchronized void action(RecoveryActionRecord action) {
            actions.add(action);
        }

        synchronized List<FailureRecord> failures() {
            return List.copyOf(failures);
        }

        synchronized List<RecoveryActionRecord> actions() {
            return List.copyOf(actions);
        }

        synchronized List<RecoveryActionRecord.Action> actionKinds() {
            return actions.stream().map(RecoveryActionRecord::action).toList();
        }

        synchronized FailureRecord onlyFailure() {
            if (failures.size() != 1) {
                throw new AssertionError("expected exactly one failure record, got " + failures);
            }
            return failures.get(0);
        }
    }

    /** Records every alert. */
    static final class RecordingAlerts implements AlertListener {
        private final List<Alert> alerts = new ArrayList<>();

        @Override
        public synchronized void onAlert(Alert alert) {
            alerts.add(alert);
        }

        synchronized List<Alert> alerts() {
            return List.copyOf(alerts);
        }
    }

    static final class TransientFailure extends Exception {
        TransientFailure(String message) {
            super(message);
        }
    }

    static final class DataFailure extends Exception {
        DataFailure(String message) {
            super(message);
        }
    }

    static final class ConfigFailure extends RuntimeException {
        ConfigFailure(String message) {
            super(message);
        }
    }

    static final class SystemFailure extends RuntimeException {
        SystemFailure(String message) {
            super(message);
        }
    }

    static final class UnknownFailure extends RuntimeException {
        UnknownFailure(String message) {
            super(message);
        }
    }

    /** Classifies the five test failures by their class only, without the default rules. */
    static ErrorClassifier testClassifier() {
        return ErrorClassifier.builder().withoutDefaults()
                .rule(rule("t", TransientFailure.class, ErrorCategory.TRANSIENT, ErrorType.NETWORK))
                .rule(rule("d", DataFailure.class, ErrorCategory.DATA, ErrorType.VALIDATION))
                .rule(rule("c", ConfigFailure.class, ErrorCategory.CONFIGURATION, ErrorType.AUTHENTICATION))
                .rule(rule("s", SystemFailure.class, ErrorCategory.SYSTEM, ErrorType.STORAGE))
                .rule(rule("u", UnknownFailure.class, ErrorCategory.UNKNOWN, ErrorType.UNCLASSIFIED))
                .build();
    }

    /** Classifies every throwable as DATA: a refusal by an open breaker must still not become a DATA failure. */
    static ErrorClassifier everythingIsData() {
        return ErrorClassifier.builder().withoutDefaults()
                .rule(rule("all-data", Throwable.class, ErrorCategory.DATA, ErrorType.VALIDATION))
                .build();
    }

    private static ClassificationRule rule(String name, Class<? extends Throwable> type, ErrorCategory category,
                                           ErrorType errorType) {
        return ClassificationRule.builder(name).exceptionType(type).category(category).type(errorType).build();
    }
}
