package io.etlrecovery.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Optional;

class ClassificationRuleTest {

    private static ClassificationRule.Builder transientRule() {
        return ClassificationRule.builder("r").category(ErrorCategory.TRANSIENT);
    }

    @Test
    void aRuleWithoutAnyConditionIsRefusedWithAClearMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> transientRule().build());
        assertTrue(e.getMessage().contains("\"r\" has no condition"), e.getMessage());
        assertTrue(e.getMessage().contains("exceptionType, sqlState or messageMatches"), e.getMessage());
    }

    @Test
    void aRuleWithoutCategoryIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ClassificationRule.builder("r").messageMatches("x").build());
        assertTrue(e.getMessage().contains("no category"), e.getMessage());
    }

    @Test
    void badArgumentsAreRefusedAtOnceNamingTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClassificationRule.builder(" "))
                .getMessage().startsWith("name:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> transientRule().sqlState("0800"))
                .getMessage().startsWith("sqlState:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> transientRule().sqlState("4-P01"))
                .getMessage().startsWith("sqlState:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> transientRule().messageMatches("(unclosed"))
                .getMessage().startsWith("messageMatches: invalid regular expression"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> transientRule().messageMatches(""))
                .getMessage().startsWith("messageMatches:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> transientRule().exceptionType("not a class"))
                .getMessage().startsWith("exceptionType:"));
        assertThrows(NullPointerException.class, () -> transientRule().exceptionType((Class<Throwable>) null));
    }

    @Test
    void exceptionTypeMatchesSubclassesAnywhereInTheCauseChain() {
        ClassificationRule rule = transientRule().exceptionType(IOException.class).build();
        assertTrue(rule.match(new RuntimeException("outer", new RuntimeException(new ConnectException("x"))))
                .isPresent());
        assertFalse(rule.match(new IllegalStateException("no io here")).isPresent());
    }

    @Test
    void exceptionTypeByNameMatchesTheClassOrASuperclassButNotAnUnrelatedClass() {
        ClassificationRule bySuper = transientRule().exceptionType("java.net.SocketException").build();
        assertTrue(bySuper.match(new RuntimeException(new ConnectException("refused"))).isPresent());
        assertTrue(bySuper.match(new SocketException("reset")).isPresent());
        assertFalse(bySuper.match(new IOException("other")).isPresent());
        ClassificationRule absent = transientRule().exceptionType("com.example.NotOnTheClassPath").build();
        assertFalse(absent.match(new IOException("x")).isPresent());
    }

    @Test
    void aTwoCharacterSqlStateMatchesTheClassAndAFiveCharacterOneOnlyThatState() {
        ClassificationRule byClass = transientRule().sqlState("08").build();
        ClassificationRule exact = transientRule().sqlState("40p01").build();
        assertTrue(byClass.match(new SQLException("x", "08006")).isPresent());
        assertFalse(byClass.match(new SQLException("x", "28000")).isPresent());
        assertTrue(exact.match(new SQLException("x", "40P01")).isPresent());
        assertFalse(exact.match(new SQLException("x", "40001")).isPresent());
        assertFalse(exact.match(new SQLException("x", (String) null)).isPresent());
    }

    @Test
    void sqlStateLooksAtNextExceptionsAndCausesAndAnyOfSeveralStates() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 3 was aborted. Call getNextException "
                + "to see other errors in the batch.", new int[0]);
        batch.setNextException(new SQLException("ERROR: value too long for type character varying(5)", "22001"));
        ClassificationRule data = transientRule().sqlState("23", "22").build();
        assertTrue(data.match(batch).isPresent());
        assertTrue(data.match(new RuntimeException("wrapped", new SQLException("dup", "23505"))).isPresent());
        assertFalse(data.match(new SQLException("net", "08001")).isPresent());
    }

    @Test
    void messageMatchesFindsTheRegexCaseInsensitivelyInAnyMessageOfTheChain() {
        ClassificationRule rule = transientRule().messageMatches("connection reset").build();
        assertTrue(rule.match(new RuntimeException("step failed", new SocketException("Connection RESET by peer")))
                .isPresent());
        assertFalse(rule.match(new RuntimeException((String) null)).isPresent());
    }

    @Test
    void allGivenConditionsMustHold() {
        ClassificationRule rule = transientRule().exceptionType(UncheckedIOException.class)
                .messageMatches("csv").build();
        assertTrue(rule.match(new UncheckedIOException("bad CSV record", new IOException("x"))).isPresent());
        assertFalse(rule.match(new UncheckedIOException("disk", new IOException("x"))).isPresent());
        assertFalse(rule.match(new IllegalStateException("bad CSV record")).isPresent());
    }

    @Test
    void theClassificationCarriesTheRuleNameAndTheDefaultsAreDocumented() {
        ClassificationRule transientOne = ClassificationRule.builder("fx-timeouts").messageMatches("fx")
                .category(ErrorCategory.TRANSIENT).build();
        Classification c = transientOne.match(new IOException("fx down")).orElseThrow();
        assertEquals("fx-timeouts", c.ruleName());
        assertEquals(ErrorType.UNCLASSIFIED, c.type());
        assertEquals(Severity.MEDIUM, c.severity());
        assertTrue(c.recoverable());
        assertFalse(c.remediation().isBlank());
        ClassificationRule config = ClassificationRule.builder("cfg").messageMatches("fx")
                .category(ErrorCategory.CONFIGURATION).build();
        assertFalse(config.classification().recoverable());
        ClassificationRule explicit = ClassificationRule.builder("x").messageMatches("fx")
                .category(ErrorCategory.DATA).type(ErrorType.VALIDATION).severity(Severity.LOW).recoverable(false)
                .remediation("Fix the fx rate.").build();
        assertEquals(new Classification(ErrorCategory.DATA, ErrorType.VALIDATION, Severity.LOW, false,
                "Fix the fx rate.", "x"), explicit.classification());
    }

    @Test
    void matchOfNullIsEmpty() {
        assertEquals(Optional.empty(), transientRule().messageMatches("x").build().match(null));
    }

    @Test
    void aCyclicCauseChainIsWalkedOnce() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertFalse(transientRule().messageMatches("never").build().match(a).isPresent());
        assertTrue(transientRule().messageMatches("^b$").build().match(a).isPresent());
    }
}
