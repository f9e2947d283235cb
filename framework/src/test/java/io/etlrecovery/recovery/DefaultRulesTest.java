package io.etlrecovery.recovery;

import static io.etlrecovery.recovery.RealFailures.thrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.pipeline.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.SocketException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.time.LocalDate;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every default rule, each with realistic failures: real H2, commons-csv and JDK exceptions where they can be
 * produced in a test, otherwise the exact messages the drivers and libraries write.
 */
class DefaultRulesTest {

    private static final ErrorClassifier CLASSIFIER = ErrorClassifier.defaults();

    static Stream<Arguments> failures() {
        return Stream.of(
                // JVM errors
                c("out-of-memory", ErrorCategory.SYSTEM, ErrorType.RESOURCE_EXHAUSTION,
                        new IllegalStateException("batch 7 failed", new OutOfMemoryError("Java heap space"))),
                c("stack-overflow", ErrorCategory.SYSTEM, ErrorType.RESOURCE_EXHAUSTION, new StackOverflowError()),
                // SQLStates
                c("sql-deadlock", ErrorCategory.TRANSIENT, ErrorType.LOCK_CONFLICT,
                        new SQLException("ERROR: deadlock detected\n  Detail: Process 4242 waits for ShareLock on "
                                + "transaction 1001; blocked by process 4243.", "40P01")),
                c("sql-deadlock", ErrorCategory.TRANSIENT, ErrorType.LOCK_CONFLICT,
                        new SQLException("Deadlock found", "40P01")),
                c("sql-serialization-failure", ErrorCategory.TRANSIENT, ErrorType.LOCK_CONFLICT,
                        new SQLException("ERROR: could not serialize access due to concurrent update", "40001")),
                c("sql-lock-timeout", ErrorCategory.TRANSIENT, ErrorType.LOCK_CONFLICT, RealFailures.h2LockTimeout()),
                c("sql-lock-timeout", ErrorCategory.TRANSIENT, ErrorType.LOCK_CONFLICT,
                        new SQLException("ERROR: could not obtain lock on row in relation \"orders\"", "55P03")),
                c("sql-query-canceled", ErrorCategory.TRANSIENT, ErrorType.TIMEOUT,
                        new SQLException("ERROR: canceling statement due to statement timeout", "57014")),
                c("sql-insufficient-privilege", ErrorCategory.CONFIGURATION, ErrorType.PERMISSION,
                        new SQLException("ERROR: permission denied for table orders", "42501")),
                c("sql-undefined-object", ErrorCategory.CONFIGURATION, ErrorType.NOT_FOUND,
                        RealFailures.h2("select * from order_lines")),
                c("sql-undefined-object", ErrorCategory.CONFIGURATION, ErrorType.NOT_FOUND,
                        RealFailures.h2("select amount from orders")),
                c("sql-undefined-object", ErrorCategory.CONFIGURATION, ErrorType.NOT_FOUND,
                        new SQLException("ERROR: relation \"orders\" does not exist\n  Position: 15", "42P01")),
                c("sql-undefined-object", ErrorCategory.CONFIGURATION, ErrorType.NOT_FOUND,
                        new SQLException("ERROR: column \"amount\" does not exist\n  Position: 8", "42703")),
                c("sql-invalid-authorization", ErrorCategory.CONFIGURATION, ErrorType.AUTHENTICATION,
                        RealFailures.h2WrongPassword()),
                c("sql-invalid-authorization", ErrorCategory.CONFIGURATION, ErrorType.AUTHENTICATION,
                        new SQLException("FATAL: password authentication failed for user \"etl\"", "28P01")),
                c("sql-integrity-constraint", ErrorCategory.DATA, ErrorType.CONSTRAINT_VIOLATION,
                        RealFailures.h2("insert into orders values (1, 'b', 2)")),
                c("sql-integrity-constraint", ErrorCategory.DATA, ErrorType.CONSTRAINT_VIOLATION,
                        RealFailures.h2("insert into orders values (2, null, 2)")),
                c("sql-data-exception", ErrorCategory.DATA, ErrorType.VALIDATION,
                        RealFailures.h2("insert into orders values (3, 'abcdefghij', 1)")),
                c("sql-data-exception", ErrorCategory.DATA, ErrorType.VALIDATION,
                        RealFailures.h2("insert into orders values (4, 'x', 99999999999)")),
                c("sql-data-exception", ErrorCategory.DATA, ErrorType.VALIDATION,
                        RealFailures.h2("insert into orders values (5, 'x', 'abc')")),
                c("sql-connection", ErrorCategory.TRANSIENT, ErrorType.NETWORK,
                        new SQLException("Connection to localhost:5432 refused. Check that the hostname and port are "
                                + "correct and that the postmaster is accepting TCP/IP connections.", "08001",
                                new java.net.ConnectException("Connection refused"))),
                // exception types
                c("pipeline-validation", ErrorCategory.DATA, ErrorType.VALIDATION,
                        new ValidationException("amount", "amount must be >= 0, was -3.50")),
                c("csv-parse-error", ErrorCategory.DATA, ErrorType.CORRUPTED_DATA,
                        RealFailures.csv("id,name\n1,\"Smith\"x,3\n")),
                c("csv-parse-error", ErrorCategory.DATA, ErrorType.CORRUPTED_DATA,
                        RealFailures.csv("id,name\n1,\"unterminated\n")),
                c("csv-unchecked-io", ErrorCategory.DATA, ErrorType.CORRUPTED_DATA,
                        new UncheckedIOException("IOException reading next record: java.io.IOException: (line 3) "
                                + "invalid char between encapsulated token and delimiter",
                                new IOException("(line 3) invalid char between encapsulated token and delimiter"))),
                c("character-coding", ErrorCategory.DATA, ErrorType.CORRUPTED_DATA, RealFailures.malformedUtf8()),
                c("character-coding", ErrorCategory.DATA, ErrorType.CORRUPTED_DATA,
                        new UncheckedIOException(RealFailures.malformedUtf8())),
                c("number-format", ErrorCategory.DATA, ErrorType.VALIDATION,
                        thrownBy(() -> Integer.parseInt("12x"))),
                c("number-format", ErrorCategory.DATA, ErrorType.VALIDATION,
                        thrownBy(() -> new BigDecimal("1.234,56"))),
                c("date-time", ErrorCategory.DATA, ErrorType.VALIDATION,
                        thrownBy(() -> LocalDate.parse("2024-02-30"))),
                c("date-time", ErrorCategory.DATA, ErrorType.VALIDATION,
                        thrownBy(() -> LocalDate.of(2024, 13, 1))),
                c("arithmetic", ErrorCategory.DATA, ErrorType.VALIDATION,
                        thrownBy(() -> Math.addExact(Long.MAX_VALUE, 1))),
                c("arithmetic", ErrorCategory.DATA, ErrorType.VALIDATION,
                        thrownBy(() -> BigDecimal.ONE.divide(BigDecimal.valueOf(3)))),
                c("etl-invalid-configuration", ErrorCategory.CONFIGURATION, ErrorType.INVALID_CONFIGURATION,
                        new InvalidConfigurationException("classification rules file /etc/etl/rules.json, rules[0] "
                                + "(\"fx\"): key \"category\" is missing; it is required")),
                c("file-permission-denied", ErrorCategory.CONFIGURATION, ErrorType.PERMISSION,
                        new java.io.FileNotFoundException("/data/in/orders.csv (Permission denied)")),
                c("access-denied", ErrorCategory.CONFIGURATION, ErrorType.PERMISSION,
                        new UncheckedIOException(new AccessDeniedException("/data/out/orders.csv"))),
                c("security-exception", ErrorCategory.CONFIGURATION, ErrorType.PERMISSION,
                        new SecurityException("Prohibited package name: java.etl")),
                c("no-such-file", ErrorCategory.CONFIGURATION, ErrorType.NOT_FOUND, RealFailures.noSuchFile()),
                c("file-not-found", ErrorCategory.CONFIGURATION, ErrorType.NOT_FOUND, RealFailures.fileNotFound()),
                c("socket-timeout", ErrorCategory.TRANSIENT, ErrorType.TIMEOUT, RealFailures.readTimeout()),
                c("timeout", ErrorCategory.TRANSIENT, ErrorType.TIMEOUT, RealFailures.futureTimeout()),
                c("http-timeout", ErrorCategory.TRANSIENT, ErrorType.TIMEOUT,
                        new HttpTimeoutException("request timed out")),
                c("http-timeout", ErrorCategory.TRANSIENT, ErrorType.TIMEOUT,
                        new HttpConnectTimeoutException("HTTP connect timed out")),
                c("connect-failure", ErrorCategory.TRANSIENT, ErrorType.NETWORK, RealFailures.connectionRefused()),
                c("connect-failure", ErrorCategory.TRANSIENT, ErrorType.NETWORK,
                        new SQLNonTransientConnectionException("Connection is broken: \"java.net.ConnectException: "
                                + "Connection refused: localhost:9092\" [90067-252]", "90067",
                                new java.net.ConnectException("Connection refused"))),
                c("sql-timeout", ErrorCategory.TRANSIENT, ErrorType.TIMEOUT,
                        new SQLTimeoutException("Query timed out after 30 seconds", "HYT01")),
                c("sql-transient-connection", ErrorCategory.TRANSIENT, ErrorType.NETWORK,
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request "
                                + "timed out after 30004ms.")),
                c("sql-recoverable", ErrorCategory.TRANSIENT, ErrorType.NETWORK,
                        new SQLRecoverableException("Closed Connection")),
                c("sql-transient", ErrorCategory.TRANSIENT, ErrorType.LOCK_CONFLICT,
                        new SQLTransactionRollbackException("Transaction was rolled back because of a conflict")),
                // message patterns
                c("disk-full", ErrorCategory.SYSTEM, ErrorType.STORAGE, new IOException("No space left on device")),
                c("disk-full", ErrorCategory.SYSTEM, ErrorType.STORAGE,
                        new SQLException("General error: \"java.io.IOException: No space left on device\" "
                                + "[50000-252]", "HY000")),
                c("too-many-open-files", ErrorCategory.SYSTEM, ErrorType.RESOURCE_EXHAUSTION,
                        new FileSystemException("/data/in/orders-0042.csv", null, "Too many open files")),
                c("rate-limit", ErrorCategory.TRANSIENT, ErrorType.RATE_LIMIT,
                        new IOException("HTTP/1.1 429 Too Many Requests")),
                c("rate-limit", ErrorCategory.TRANSIENT, ErrorType.RATE_LIMIT,
                        new IOException("Server returned HTTP response code: 429 for URL: "
                                + "https://api.example.com/v1/rates")),
                c("rate-limit", ErrorCategory.TRANSIENT, ErrorType.RATE_LIMIT,
                        new RuntimeException("ThrottlingException: Rate exceeded")),
                c("quota-exceeded", ErrorCategory.SYSTEM, ErrorType.QUOTA, new IOException("Disk quota exceeded")),
                c("authentication-failed", ErrorCategory.CONFIGURATION, ErrorType.AUTHENTICATION,
                        new IOException("Server returned HTTP response code: 401 for URL: "
                                + "https://api.example.com/v1/orders")),
                c("authentication-failed", ErrorCategory.CONFIGURATION, ErrorType.AUTHENTICATION,
                        new IllegalStateException("Invalid credentials for account etl-exports")),
                c("authentication-failed", ErrorCategory.CONFIGURATION, ErrorType.AUTHENTICATION,
                        new RuntimeException("load failed", new IOException("HTTP/1.1 401 Unauthorized"))),
                c("permission-denied", ErrorCategory.CONFIGURATION, ErrorType.PERMISSION,
                        new IOException("HTTP/1.1 403 Forbidden")),
                c("permission-denied", ErrorCategory.CONFIGURATION, ErrorType.PERMISSION,
                        new RuntimeException("Access Denied (Service: S3, Status Code: 403, Request ID: "
                                + "7QH2W9Z1B2)")),
                c("permission-denied", ErrorCategory.CONFIGURATION, ErrorType.PERMISSION,
                        new IOException("Cannot run program \"gpg\": error=13, Permission denied")),
                c("csv-parse-message", ErrorCategory.DATA, ErrorType.CORRUPTED_DATA,
                        new IOException("(line 12) invalid char between encapsulated token and delimiter")),
                c("csv-parse-message", ErrorCategory.DATA, ErrorType.CORRUPTED_DATA,
                        new IOException("(startline 7) EOF reached before encapsulated token finished")),
                c("validation-message", ErrorCategory.DATA, ErrorType.VALIDATION,
                        new IllegalArgumentException("customerId must not be blank")),
                c("validation-message", ErrorCategory.DATA, ErrorType.VALIDATION,
                        new IllegalArgumentException("Validation failed for record 17: invalid value 'abc' for qty")),
                c("invalid-configuration", ErrorCategory.CONFIGURATION, ErrorType.INVALID_CONFIGURATION,
                        new IllegalStateException("Missing required setting 'source.path'")),
                c("deadlock-message", ErrorCategory.TRANSIENT, ErrorType.LOCK_CONFLICT,
                        new RuntimeException("Deadlock found when trying to get lock; try restarting transaction")),
                c("lock-timeout-message", ErrorCategory.TRANSIENT, ErrorType.LOCK_CONFLICT,
                        new RuntimeException("Lock wait timeout exceeded; try restarting transaction")),
                c("lock-timeout-message", ErrorCategory.TRANSIENT, ErrorType.LOCK_CONFLICT,
                        new IllegalStateException("Timeout trying to lock table \"ORDERS\"")),
                c("not-found-message", ErrorCategory.CONFIGURATION, ErrorType.NOT_FOUND,
                        new IllegalStateException("Table \"ORDERS_STAGING\" not found")),
                c("not-found-message", ErrorCategory.CONFIGURATION, ErrorType.NOT_FOUND,
                        new RuntimeException("The specified bucket does not exist")),
                c("service-unavailable", ErrorCategory.TRANSIENT, ErrorType.SERVICE_UNAVAILABLE,
                        new IOException("HTTP/1.1 503 Service Unavailable")),
                c("service-unavailable", ErrorCategory.TRANSIENT, ErrorType.SERVICE_UNAVAILABLE,
                        new IOException("Server returned HTTP response code: 503 for URL: https://fx.example.com")),
                c("service-unavailable", ErrorCategory.TRANSIENT, ErrorType.SERVICE_UNAVAILABLE,
                        new IOException("upstream: 502 Bad Gateway")),
                c("network-message", ErrorCategory.TRANSIENT, ErrorType.NETWORK, new SocketException("Connection reset")),
                c("network-message", ErrorCategory.TRANSIENT, ErrorType.NETWORK,
                        new RuntimeException("write failed", new SocketException("Broken pipe"))),
                c("timeout-message", ErrorCategory.TRANSIENT, ErrorType.TIMEOUT,
                        new NoSuchElementException("Timeout waiting for idle object, borrowMaxWaitDuration=PT30S")),
                c("timeout-message", ErrorCategory.TRANSIENT, ErrorType.TIMEOUT,
                        new IOException("Read operation timed out after 30000 ms")));
    }

    private static Arguments c(String rule, ErrorCategory category, ErrorType type, Throwable failure) {
        return Arguments.of(rule, category, type, failure);
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("failures")
    void eachDefaultRuleClassifiesItsRealisticFailures(String rule, ErrorCategory category, ErrorType type,
                                                       Throwable failure) {
        Classification c = CLASSIFIER.classify(failure);
        assertEquals(rule, c.ruleName(), () -> "rule for " + failure);
        assertEquals(category, c.category());
        assertEquals(type, c.type());
        assertTrue(c.remediation().length() > 30, "remediation says what to do: " + c.remediation());
    }

    @Test
    void everyDefaultRuleHasAtLeastOneTestCase() {
        Set<String> tested = failures().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));
        Set<String> all = CLASSIFIER.rules().stream().map(ClassificationRule::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(all, tested);
    }

    @Test
    void defaultRuleNamesAreUnique() {
        assertEquals(CLASSIFIER.rules().size(),
                CLASSIFIER.rules().stream().map(ClassificationRule::name).distinct().count());
    }
}
