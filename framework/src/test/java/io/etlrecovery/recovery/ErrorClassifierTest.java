package io.etlrecovery.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.List;

class ErrorClassifierTest {

    private final ErrorClassifier defaults = ErrorClassifier.defaults();

    @Test
    void anUnmatchedFailureIsUnknownUnclassifiedMediumAndRecoverable() {
        Classification c = defaults.classify(new IllegalStateException("iterator already consumed"));
        assertSame(ErrorClassifier.UNMATCHED, c);
        assertEquals(ErrorCategory.UNKNOWN, c.category());
        assertEquals(ErrorType.UNCLASSIFIED, c.type());
        assertEquals(Severity.MEDIUM, c.severity());
        assertTrue(c.recoverable());
        assertEquals("Unclassified failure: inspect the error and add a classification rule if it recurs.",
                c.remediation());
        assertEquals("default", c.ruleName());
    }

    @Test
    void aDataSqlStateBeatsATimeoutWordInTheMessage() {
        SQLException tooLong = RealFailures.h2("insert into orders values (9, 'connection timeout', 1)");
        assertTrue(tooLong.getMessage().toLowerCase().contains("timeout"), tooLong.getMessage());
        assertEquals("sql-data-exception", defaults.classify(tooLong).ruleName());
    }

    @Test
    void anH2LockTimeoutIsALockConflictNotAGenericSqlTimeout() {
        SQLException lock = RealFailures.h2LockTimeout();
        assertTrue(lock instanceof java.sql.SQLTimeoutException, lock.getClass().getName());
        Classification c = defaults.classify(lock);
        assertEquals(ErrorType.LOCK_CONFLICT, c.type());
        assertEquals("sql-lock-timeout", c.ruleName());
    }

    @Test
    void anOutOfMemoryErrorWinsOverEverythingThatWrapsIt() {
        Throwable wrapped = new SQLException("Read timed out", "08006",
                new RuntimeException("buffer", new OutOfMemoryError("Java heap space")));
        assertEquals("out-of-memory", defaults.classify(wrapped).ruleName());
    }

    @Test
    void aFileNotFoundBecauseOfPermissionsIsAPermissionProblem() {
        assertEquals(ErrorType.PERMISSION,
                defaults.classify(new FileNotFoundException("/data/in/orders.csv (Permission denied)")).type());
        assertEquals(ErrorType.NOT_FOUND,
                defaults.classify(new FileNotFoundException("/data/in/orders.csv (No such file or directory)"))
                        .type());
    }

    @Test
    void aRateLimitMentioningAQuotaIsARateLimit() {
        Classification c = defaults.classify(new IOException("HTTP/1.1 429 Too Many Requests: daily quota exceeded"));
        assertEquals(ErrorType.RATE_LIMIT, c.type());
    }

    @Test
    void aBareStatusNumberInARecordValueIsNotTakenForAnHttpStatus() {
        assertSame(ErrorClassifier.UNMATCHED,
                defaults.classify(new IllegalArgumentException("quantity 401 exceeds stock 403 at line 503")));
    }

    @Test
    void illegalStateExceptionIsLeftUnclassified() {
        assertSame(ErrorClassifier.UNMATCHED, defaults.classify(new IllegalStateException("closed")));
    }

    @Test
    void userRulesComeBeforeTheDefaults() {
        ClassificationRule fxRefused = ClassificationRule.builder("fx-refused").exceptionType(ConnectException.class)
                .messageMatches("fx\\.example\\.com").category(ErrorCategory.CONFIGURATION)
                .type(ErrorType.INVALID_CONFIGURATION).build();
        ErrorClassifier classifier = ErrorClassifier.builder().rule(fxRefused).build();
        assertEquals(fxRefused, classifier.rules().get(0));
        assertEquals(defaults.rules().size() + 1, classifier.rules().size());
        assertEquals("fx-refused",
                classifier.classify(new ConnectException("Connection refused: fx.example.com/10.0.0.7:443")).ruleName());
        assertEquals("connect-failure",
                classifier.classify(new ConnectException("Connection refused: db:5432")).ruleName());
    }

    @Test
    void withoutDefaultsOnlyTheGivenRulesAreTried() {
        ClassificationRule rule = ClassificationRule.builder("only").messageMatches("boom")
                .category(ErrorCategory.SYSTEM).build();
        ErrorClassifier classifier = ErrorClassifier.builder().withoutDefaults().rule(rule).build();
        assertEquals(List.of(rule), classifier.rules());
        assertSame(ErrorClassifier.UNMATCHED, classifier.classify(new OutOfMemoryError()));
        assertEquals("only", classifier.classify(new RuntimeException("boom")).ruleName());
    }

    @Test
    void duplicateRuleNamesAreRefused() {
        ClassificationRule clash = ClassificationRule.builder("sql-deadlock").messageMatches("x")
                .category(ErrorCategory.TRANSIENT).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ErrorClassifier.builder().rule(clash).build());
        assertTrue(e.getMessage().contains("\"sql-deadlock\" is used twice"), e.getMessage());
        assertTrue(e.getMessage().contains("default rule"), e.getMessage());
        assertEquals(1, ErrorClassifier.builder().withoutDefaults().rule(clash).build().rules().size());
    }

    @Test
    void theRuleListCannotBeModified() {
        assertThrows(UnsupportedOperationException.class, () -> defaults.rules().clear());
    }

    @Test
    void aCyclicCauseChainEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertSame(ErrorClassifier.UNMATCHED, defaults.classify(a));
    }

    @Test
    void causesDeeperThanTheDepthLimitAreNotLookedAt() {
        assertEquals("connect-failure", defaults.classify(wrap(new ConnectException("refused"), 31)).ruleName());
        assertSame(ErrorClassifier.UNMATCHED, defaults.classify(wrap(new ConnectException("refused"), 32)));
    }

    @Test
    void aNullFailureIsRefused() {
        assertThrows(NullPointerException.class, () -> defaults.classify(null));
    }

    private static Throwable wrap(Throwable root, int layers) {
        Throwable t = root;
        for (int i = 0; i < layers; i++) {
            t = new RuntimeException("layer " + i, t);
        }
        return t;
    }
}
