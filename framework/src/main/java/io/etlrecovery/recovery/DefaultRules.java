package io.etlrecovery.recovery;

import static io.etlrecovery.recovery.ErrorCategory.CONFIGURATION;
import static io.etlrecovery.recovery.ErrorCategory.DATA;
import static io.etlrecovery.recovery.ErrorCategory.SYSTEM;
import static io.etlrecovery.recovery.ErrorCategory.TRANSIENT;

import java.util.List;

/**
 * The default rule set of {@link ErrorClassifier#defaults()}, in the order it is tried (first match wins).
 *
 * <p>The order puts the most specific evidence first:
 * <ol>
 *   <li>JVM errors (out of memory, stack overflow): whatever wraps them, the machine is in trouble;</li>
 *   <li>SQLStates, exact states before classes: a database's own verdict beats any word in a message (a value
 *       too long whose text contains "timeout" is DATA, not a timeout);</li>
 *   <li>exception types: DATA, then CONFIGURATION, then TRANSIENT, so a retryable-looking wrapper does not hide
 *       a non-retryable cause (a lock timeout with SQLState HYT00 was already caught above, so the generic
 *       SQLTimeoutException rule only sees real query timeouts);</li>
 *   <li>message patterns, specific phrases before broad ones: disk full, open files, rate limit (before
 *       quota: "429 ... quota exceeded" is a rate limit), quota, authentication, permission, CSV parse,
 *       validation, invalid configuration, deadlock, lock timeout, unknown table/column ("does not exist" is
 *       broad), service unavailable, network, and last the bare word "timeout".</li>
 * </ol>
 * HTTP status codes only count next to "HTTP", "status" or "response code" ("HTTP/1.1 503", "status=429"), so a
 * record value 401 in a message is not taken for an authentication failure.
 */
final class DefaultRules {

    static final String VALIDATION_EXCEPTION = "io.etlrecovery.pipeline.ValidationException";
    static final String CSV_EXCEPTION = "org.apache.commons.csv.CSVException";

    private DefaultRules() {
    }

    /** A regex for an HTTP status code written next to what says it is one. */
    static String http(int code) {
        return "\\b(?:https?(?:/\\d(?:\\.\\d)?)?(?: error| status)?|status(?:[ _]?code)?|response code|error code)"
                + "\\W{0,3}" + code + "\\b";
    }

    static List<ClassificationRule> create() {
        return List.of(
                // 1. JVM errors
                rule("out-of-memory").exceptionType(OutOfMemoryError.class)
                        .category(SYSTEM).type(ErrorType.RESOURCE_EXHAUSTION).severity(Severity.CRITICAL)
                        .recoverable(false)
                        .remediation("The JVM ran out of memory: lower the batch size or parallelism, or raise the "
                                + "heap (-Xmx); then resume the run from its last checkpoint.").build(),
                rule("stack-overflow").exceptionType(StackOverflowError.class)
                        .category(SYSTEM).type(ErrorType.RESOURCE_EXHAUSTION).severity(Severity.CRITICAL)
                        .recoverable(false)
                        .remediation("A stack overflow (unbounded recursion, e.g. a deeply nested record): fix the "
                                + "code path in the stack trace or raise the thread stack size (-Xss).").build(),

                // 2. SQLStates: exact states, then classes
                rule("sql-deadlock").sqlState("40P01")
                        .category(TRANSIENT).type(ErrorType.LOCK_CONFLICT).severity(Severity.LOW)
                        .remediation("Deadlock between transactions: the batch is retried. If it recurs, make "
                                + "writers touch rows in the same order or use smaller batches.").build(),
                rule("sql-serialization-failure").sqlState("40001")
                        .category(TRANSIENT).type(ErrorType.LOCK_CONFLICT).severity(Severity.LOW)
                        .remediation("Serialization failure (concurrent update): the transaction is retried. If it "
                                + "recurs, reduce concurrent writers to the same rows.").build(),
                rule("sql-lock-timeout").sqlState("HYT00", "55P03")
                        .category(TRANSIENT).type(ErrorType.LOCK_CONFLICT).severity(Severity.LOW)
                        .remediation("Timed out waiting for a lock held by another transaction: the batch is "
                                + "retried. If it recurs, look for long-running transactions or raise the lock "
                                + "timeout.").build(),
                rule("sql-query-canceled").sqlState("57014")
                        .category(TRANSIENT).type(ErrorType.TIMEOUT).severity(Severity.LOW)
                        .remediation("The statement was cancelled (statement timeout): it is retried. If it "
                                + "recurs, add an index, use smaller batches or raise the statement timeout.").build(),
                rule("sql-insufficient-privilege").sqlState("42501")
                        .category(CONFIGURATION).type(ErrorType.PERMISSION).severity(Severity.HIGH)
                        .remediation("The database user lacks a privilege: GRANT the needed rights on the object "
                                + "named in the error, then resume the run.").build(),
                rule("sql-undefined-object")
                        .sqlState("42P01", "42703", "42S02", "42S04", "42S22", "42102", "42104", "42122")
                        .category(CONFIGURATION).type(ErrorType.NOT_FOUND).severity(Severity.HIGH)
                        .remediation("A table or column named in the SQL does not exist: run the schema migration "
                                + "or fix the table/column name in the pipeline, then resume the run.").build(),
                rule("sql-invalid-authorization").sqlState("28")
                        .category(CONFIGURATION).type(ErrorType.AUTHENTICATION).severity(Severity.HIGH)
                        .remediation("The database refused the login: check the user name and password (or the "
                                + "secret they come from), then resume the run.").build(),
                rule("sql-integrity-constraint").sqlState("23")
                        .category(DATA).type(ErrorType.CONSTRAINT_VIOLATION).severity(Severity.MEDIUM)
                        .remediation("The record breaks a database constraint (duplicate key, NOT NULL, foreign "
                                + "key, check): it is quarantined. Fix the record or the mapping, or make the "
                                + "load idempotent (upsert) if duplicates are expected.").build(),
                rule("sql-data-exception").sqlState("22")
                        .category(DATA).type(ErrorType.VALIDATION).severity(Severity.LOW)
                        .remediation("The database rejected a value (too long, out of range, wrong format): the "
                                + "record is quarantined. Fix the value or widen the column.").build(),
                rule("sql-connection").sqlState("08")
                        .category(TRANSIENT).type(ErrorType.NETWORK).severity(Severity.MEDIUM)
                        .remediation("The database connection failed or broke: it is retried. If it persists, "
                                + "check that the database is up and reachable (host, port, firewall).").build(),

                // 3. exception types: DATA, CONFIGURATION, TRANSIENT
                rule("pipeline-validation").exceptionType(VALIDATION_EXCEPTION)
                        .category(DATA).type(ErrorType.VALIDATION).severity(Severity.LOW)
                        .remediation("The record failed a validation rule of the pipeline: it is quarantined. Fix "
                                + "the field named in the message and replay it.").build(),
                rule("csv-parse-error").exceptionType(CSV_EXCEPTION)
                        .category(DATA).type(ErrorType.CORRUPTED_DATA).severity(Severity.MEDIUM)
                        .remediation("The CSV input is malformed (bad quoting at the line and position in the "
                                + "message): fix the file at that spot or ask its producer for a corrected one.")
                        .build(),
                rule("csv-unchecked-io").exceptionType(java.io.UncheckedIOException.class)
                        .messageMatches("csv.*pars|pars.*csv|encapsulated token")
                        .category(DATA).type(ErrorType.CORRUPTED_DATA).severity(Severity.MEDIUM)
                        .remediation("The CSV input could not be parsed: fix the file at the line in the message "
                                + "or ask its producer for a corrected one.").build(),
                rule("character-coding").exceptionType(java.nio.charset.CharacterCodingException.class)
                        .category(DATA).type(ErrorType.CORRUPTED_DATA).severity(Severity.MEDIUM)
                        .remediation("The input is not valid in the expected character encoding: check the "
                                + "source's charset setting (e.g. UTF-8 vs ISO-8859-1) or clean the file.").build(),
                rule("number-format").exceptionType(NumberFormatException.class)
                        .category(DATA).type(ErrorType.VALIDATION).severity(Severity.LOW)
                        .remediation("A field is not a valid number: the record is quarantined. Fix the value or "
                                + "the parsing (decimal separator, thousands separator, blanks).").build(),
                rule("date-time").exceptionType(java.time.DateTimeException.class)
                        .category(DATA).type(ErrorType.VALIDATION).severity(Severity.LOW)
                        .remediation("A field is not a valid date or time: the record is quarantined. Fix the "
                                + "value or the expected format/time zone.").build(),
                rule("arithmetic").exceptionType(ArithmeticException.class)
                        .category(DATA).type(ErrorType.VALIDATION).severity(Severity.LOW)
                        .remediation("A calculation on the record failed (overflow, division by zero, rounding): "
                                + "the record is quarantined. Check the input values.").build(),
                rule("etl-invalid-configuration").exceptionType(InvalidConfigurationException.class)
                        .category(CONFIGURATION).type(ErrorType.INVALID_CONFIGURATION).severity(Severity.HIGH)
                        .remediation("The etl-recovery configuration is invalid: fix the file and key named in the "
                                + "message, then start again.").build(),
                rule("file-permission-denied").exceptionType(java.io.FileNotFoundException.class)
                        .messageMatches("permission denied|access is denied")
                        .category(CONFIGURATION).type(ErrorType.PERMISSION).severity(Severity.HIGH)
                        .remediation("The process may not read or write the file named in the error: fix its "
                                + "permissions or owner, then resume the run.").build(),
                rule("access-denied").exceptionType(java.nio.file.AccessDeniedException.class)
                        .category(CONFIGURATION).type(ErrorType.PERMISSION).severity(Severity.HIGH)
                        .remediation("The process may not access the file named in the error: fix its permissions "
                                + "or owner, then resume the run.").build(),
                rule("security-exception").exceptionType(SecurityException.class)
                        .category(CONFIGURATION).type(ErrorType.PERMISSION).severity(Severity.HIGH)
                        .remediation("An operation was refused for security reasons: check the permissions the "
                                + "pipeline runs with.").build(),
                rule("no-such-file").exceptionType(java.nio.file.NoSuchFileException.class)
                        .category(CONFIGURATION).type(ErrorType.NOT_FOUND).severity(Severity.HIGH)
                        .remediation("A file or directory does not exist: check the path in the pipeline "
                                + "configuration (and that the upstream export ran), then resume the run.").build(),
                rule("file-not-found").exceptionType(java.io.FileNotFoundException.class)
                        .category(CONFIGURATION).type(ErrorType.NOT_FOUND).severity(Severity.HIGH)
                        .remediation("A file could not be opened: check the path in the pipeline configuration "
                                + "(and that the upstream export ran), then resume the run.").build(),
                rule("socket-timeout").exceptionType(java.net.SocketTimeoutException.class)
                        .category(TRANSIENT).type(ErrorType.TIMEOUT).severity(Severity.LOW)
                        .remediation("A network read or connect timed out: it is retried. If it persists, check "
                                + "the remote service's latency or raise the timeout.").build(),
                rule("timeout").exceptionType(java.util.concurrent.TimeoutException.class)
                        .category(TRANSIENT).type(ErrorType.TIMEOUT).severity(Severity.LOW)
                        .remediation("An operation timed out: it is retried. If it persists, check the system it "
                                + "waited on or raise the timeout.").build(),
                rule("http-timeout").exceptionType(java.net.http.HttpTimeoutException.class)
                        .category(TRANSIENT).type(ErrorType.TIMEOUT).severity(Severity.LOW)
                        .remediation("An HTTP request timed out: it is retried. If it persists, check the remote "
                                + "service or raise the request timeout.").build(),
                rule("connect-failure").exceptionType(java.net.ConnectException.class)
                        .category(TRANSIENT).type(ErrorType.NETWORK).severity(Severity.MEDIUM)
                        .remediation("Could not connect to a remote service: it is retried. If it persists, check "
                                + "that the service is up and that host, port and firewall are right.").build(),
                rule("sql-timeout").exceptionType(java.sql.SQLTimeoutException.class)
                        .category(TRANSIENT).type(ErrorType.TIMEOUT).severity(Severity.LOW)
                        .remediation("A database statement timed out: it is retried. If it persists, check the "
                                + "query plan and database load, or raise the query timeout.").build(),
                rule("sql-transient-connection").exceptionType(java.sql.SQLTransientConnectionException.class)
                        .category(TRANSIENT).type(ErrorType.NETWORK).severity(Severity.MEDIUM)
                        .remediation("The database connection failed for now (pool exhausted or network): it is "
                                + "retried. If it persists, check the database and the pool size.").build(),
                rule("sql-recoverable").exceptionType(java.sql.SQLRecoverableException.class)
                        .category(TRANSIENT).type(ErrorType.NETWORK).severity(Severity.MEDIUM)
                        .remediation("The database connection was lost: it is reopened and the batch retried. If "
                                + "it persists, check the database server.").build(),
                rule("sql-transient").exceptionType(java.sql.SQLTransientException.class)
                        .category(TRANSIENT).type(ErrorType.LOCK_CONFLICT).severity(Severity.LOW)
                        .remediation("The database reported a transient failure (e.g. a rolled-back transaction): "
                                + "it is retried.").build(),

                // 4. message patterns, specific before broad
                rule("disk-full").messageMatches("no space left on device|disk full|not enough space"
                                + "|insufficient disk space")
                        .category(SYSTEM).type(ErrorType.STORAGE).severity(Severity.CRITICAL)
                        .remediation("A disk is full: free space on the volume named in the error (old exports, "
                                + "logs, temp files) or move the output, then resume the run.").build(),
                rule("too-many-open-files").messageMatches("too many open files")
                        .category(SYSTEM).type(ErrorType.RESOURCE_EXHAUSTION).severity(Severity.HIGH)
                        .remediation("The process ran out of file handles: look for unclosed files/connections "
                                + "or raise the limit (ulimit -n), then resume the run.").build(),
                rule("rate-limit").messageMatches("rate[ -]?limit|too many requests|throttl|rate exceeded|"
                                + http(429))
                        .category(TRANSIENT).type(ErrorType.RATE_LIMIT).severity(Severity.LOW)
                        .remediation("The remote service is rate limiting: it is retried with backoff. If it "
                                + "persists, lower the request rate or parallelism, or ask for a higher limit.")
                        .build(),
                rule("quota-exceeded").messageMatches("quota exceeded|exceeded .{0,40}quota")
                        .category(SYSTEM).type(ErrorType.QUOTA).severity(Severity.HIGH)
                        .remediation("A storage or usage quota is exhausted: free space, raise the quota or wait "
                                + "for it to reset, then resume the run.").build(),
                rule("authentication-failed").messageMatches("authentication failed|invalid credentials"
                                + "|wrong user name or password|missing credentials|bad credentials|login failed"
                                + "|access denied for user|unauthori[sz]ed|" + http(401))
                        .category(CONFIGURATION).type(ErrorType.AUTHENTICATION).severity(Severity.HIGH)
                        .remediation("Authentication failed: check the user name, password, token or key (and "
                                + "whether it expired or was rotated), then resume the run.").build(),
                rule("permission-denied").messageMatches("permission denied|access denied|access is denied"
                                + "|forbidden|not authori[sz]ed to|insufficient privileges?|" + http(403))
                        .category(CONFIGURATION).type(ErrorType.PERMISSION).severity(Severity.HIGH)
                        .remediation("Access was refused: grant the account the pipeline runs as the permission "
                                + "on the resource named in the error, then resume the run.").build(),
                rule("csv-parse-message").messageMatches("invalid char(?:acter)? between encapsulated token and "
                                + "delimiter|eof reached before encapsulated token finished")
                        .category(DATA).type(ErrorType.CORRUPTED_DATA).severity(Severity.MEDIUM)
                        .remediation("The CSV input is malformed (bad quoting at the line in the message): fix "
                                + "the file at that spot or ask its producer for a corrected one.").build(),
                rule("validation-message").messageMatches("validation failed|invalid value"
                                + "|must not be (?:null|empty|blank)")
                        .category(DATA).type(ErrorType.VALIDATION).severity(Severity.LOW)
                        .remediation("The record failed validation: it is quarantined. Fix the value named in the "
                                + "message and replay it.").build(),
                rule("invalid-configuration").messageMatches("invalid configuration|configuration error"
                                + "|missing required setting")
                        .category(CONFIGURATION).type(ErrorType.INVALID_CONFIGURATION).severity(Severity.HIGH)
                        .remediation("The configuration is invalid: fix the setting named in the error, then "
                                + "start again.").build(),
                rule("deadlock-message").messageMatches("deadlock")
                        .category(TRANSIENT).type(ErrorType.LOCK_CONFLICT).severity(Severity.LOW)
                        .remediation("Deadlock between transactions: the batch is retried. If it recurs, make "
                                + "writers touch rows in the same order or use smaller batches.").build(),
                rule("lock-timeout-message").messageMatches("lock timeout|timeout trying to lock"
                                + "|lock wait timeout|could not obtain lock")
                        .category(TRANSIENT).type(ErrorType.LOCK_CONFLICT).severity(Severity.LOW)
                        .remediation("Timed out waiting for a lock: the batch is retried. If it recurs, look for "
                                + "long-running transactions or raise the lock timeout.").build(),
                rule("not-found-message").messageMatches("table .{0,200}not found|column .{0,200}not found"
                                + "|does not exist|unknown (?:table|column)|no such (?:table|column)")
                        .category(CONFIGURATION).type(ErrorType.NOT_FOUND).severity(Severity.HIGH)
                        .remediation("Something the pipeline refers to does not exist (table, column, bucket, "
                                + "object): create it or fix the name in the configuration, then resume the run.")
                        .build(),
                rule("service-unavailable").messageMatches("service unavailable|temporarily unavailable"
                                + "|bad gateway|" + http(502) + "|" + http(503))
                        .category(TRANSIENT).type(ErrorType.SERVICE_UNAVAILABLE).severity(Severity.MEDIUM)
                        .remediation("The remote service is unavailable for now: it is retried with backoff. If it "
                                + "persists, check the service's status.").build(),
                rule("network-message").messageMatches("connection reset|connection refused|broken pipe"
                                + "|connection (?:was )?(?:closed|aborted) by|no route to host|network is unreachable")
                        .category(TRANSIENT).type(ErrorType.NETWORK).severity(Severity.MEDIUM)
                        .remediation("The network connection failed: it is retried. If it persists, check that the "
                                + "remote service is up and reachable.").build(),
                rule("timeout-message").messageMatches("\\btime(?:d |-| )?out")
                        .category(TRANSIENT).type(ErrorType.TIMEOUT).severity(Severity.LOW)
                        .remediation("An operation timed out: it is retried. If it persists, check the system it "
                                + "waited on or raise the timeout.").build());
    }

    private static ClassificationRule.Builder rule(String name) {
        return ClassificationRule.builder(name);
    }
}
