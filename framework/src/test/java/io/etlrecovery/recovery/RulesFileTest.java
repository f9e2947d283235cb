package io.etlrecovery.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.EtlRecoveryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

class RulesFileTest {

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path file = dir.resolve("rules.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void rulesFromAFileAreTriedInFileOrderBeforeTheDefaults() throws IOException {
        Path file = write("""
                {"rules": [
                  {"name": "fx-quota", "exception": "java.io.IOException", "message": "quota .* exceeded",
                   "category": "TRANSIENT", "type": "QUOTA", "severity": "HIGH", "recoverable": true,
                   "remediation": "The FX provider's hourly quota is used up: the batch waits and retries."},
                  {"name": "legacy-db-net", "sqlState": ["08", "HY000"], "category": "transient", "type": "NETWORK"}
                ]}""");
        ErrorClassifier classifier = ErrorClassifier.builder().rulesFrom(file).build();
        assertEquals("fx-quota", classifier.rules().get(0).name());
        assertEquals("legacy-db-net", classifier.rules().get(1).name());
        Classification fx = classifier.classify(new IOException("fx: quota of 1000 calls exceeded"));
        assertEquals(new Classification(ErrorCategory.TRANSIENT, ErrorType.QUOTA, Severity.HIGH, true,
                "The FX provider's hourly quota is used up: the batch waits and retries.", "fx-quota"), fx);
        Classification legacy = classifier.classify(new SQLException("General error", "HY000"));
        assertEquals("legacy-db-net", legacy.ruleName());
        assertEquals(Severity.MEDIUM, legacy.severity());
        // a default rule still applies to what the file does not cover
        assertEquals("sql-deadlock", classifier.classify(new SQLException("deadlock", "40P01")).ruleName());
    }

    @Test
    void anEmptyRuleListIsAllowed() throws IOException {
        assertEquals(ErrorClassifier.defaults().rules(),
                ErrorClassifier.builder().rulesFrom(write("{\"rules\": []}")).build().rules());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key             | {"name":"a","message":"x","category":"DATA","catgory":"DATA"}   | rules[1] ("a"): unknown key "catgory"
            bad category            | {"name":"a","message":"x","category":"TRANSIENTT"}               | rules[1] ("a"): key "category": "TRANSIENTT" is not one of TRANSIENT, CONFIGURATION, DATA, SYSTEM, UNKNOWN
            bad type                | {"name":"a","message":"x","category":"DATA","type":"OOPS"}       | rules[1] ("a"): key "type": "OOPS" is not one of
            bad severity            | {"name":"a","message":"x","category":"DATA","severity":"URGENT"} | rules[1] ("a"): key "severity": "URGENT" is not one of LOW, MEDIUM, HIGH, CRITICAL
            bad regex               | {"name":"a","message":"quota (","category":"DATA"}               | rules[1] ("a"): key "message": invalid regular expression "quota ("
            bad sqlState            | {"name":"a","sqlState":"0800","category":"DATA"}                 | rules[1] ("a"): key "sqlState": must be 2 characters
            sqlState not text       | {"name":"a","sqlState":8,"category":"DATA"}                      | rules[1] ("a"): key "sqlState": must be a string
            bad class name          | {"name":"a","exception":"java.io.IO Exception","category":"DATA"} | rules[1] ("a"): key "exception": not a class name
            missing category        | {"name":"a","message":"x"}                                       | rules[1] ("a"): key "category" is missing; it is required
            missing name            | {"message":"x","category":"DATA"}                                | rules[1]: key "name" is missing; it is required
            no condition            | {"name":"a","category":"DATA"}                                   | rules[1] ("a"): has no condition; give at least one of the keys "exception", "sqlState", "message"
            recoverable not boolean | {"name":"a","message":"x","category":"DATA","recoverable":"yes"} | rules[1] ("a"): key "recoverable": must be true or false
            name not text           | {"name":7,"message":"x","category":"DATA"}                       | rules[1]: key "name": must be a string
            duplicate name          | {"name":"ok","message":"y","category":"DATA"}                    | rules[1] ("ok"): key "name": rules[0] has the same name
            rule not an object      | "fx"                                                              | rules[1]: must be a JSON object
            """)
    void anInvalidRuleIsRefusedNamingTheFileTheRuleAndTheKey(String label, String secondRule, String expected)
            throws IOException {
        Path file = write("{\"rules\": [{\"name\":\"ok\",\"message\":\"x\",\"category\":\"DATA\"}, " + secondRule + "]}");
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> ErrorClassifier.builder().rulesFrom(file));
        assertTrue(e.getMessage().startsWith("classification rules file " + file.toAbsolutePath() + ", "),
                e.getMessage());
        assertTrue(e.getMessage().contains(expected), () -> "expected <" + expected + "> in: " + e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON        | {"rules": [ {"name": "a",, } ]}    | : not valid JSON at line 1, column
            duplicate JSON key    | {"rules": [], "rules": []}          | : not valid JSON at line 1
            unknown top-level key | {"rules": [], "version": 2}         | : unknown top-level key "version"
            rules missing         | {"rule": []}                        | : unknown top-level key "rule"
            rules not an array    | {"rules": {"name": "a"}}            | : key "rules" is not an array
            not an object         | [1, 2]                              | : must hold a JSON object
            """)
    void anInvalidFileIsRefusedNamingTheFile(String label, String json, String expected) throws IOException {
        Path file = write(json);
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> ErrorClassifier.builder().rulesFrom(file));
        assertTrue(e.getMessage().startsWith("classification rules file " + file.toAbsolutePath()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), () -> "expected <" + expected + "> in: " + e.getMessage());
    }

    @Test
    void aMissingFileIsRefusedAsAnInvalidConfiguration() {
        Path missing = dir.resolve("nope.json");
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> ErrorClassifier.builder().rulesFrom(missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("cannot be read"),
                e.getMessage());
    }

    @Test
    void theExceptionIsAnUncheckedEtlRecoveryException() throws IOException {
        Path file = write("{\"rules\": [{\"name\": \"a\"}]}");
        RuntimeException e = assertThrows(RuntimeException.class, () -> ErrorClassifier.builder().rulesFrom(file));
        assertInstanceOf(EtlRecoveryException.class, e);
        assertEquals(ErrorType.INVALID_CONFIGURATION, ErrorClassifier.defaults().classify(e).type());
    }
}
