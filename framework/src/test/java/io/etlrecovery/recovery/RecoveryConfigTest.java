package io.etlrecovery.recovery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static io.etlrecovery.recovery.TestSupport.fixedRandom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecoveryConfigTest {

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path f = dir.resolve("orders.properties");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private String refused(String content) throws IOException {
        Path f = file(content);
        return assertThrows(InvalidConfigurationException.class, () -> RecoveryConfig.load(f)).getMessage();
    }

    @Test
    void anEmptyFileGivesTheDefaults() throws IOException {
        RecoveryConfig c = RecoveryConfig.load(file("# nothing set\n"));
        assertEquals("orders.properties", c.source());
        assertEquals(RetryPolicy.defaults(), c.retryPolicy());
        assertEquals(CircuitBreakerConfig.defaults().toString(), c.circuitBreakerConfig().toString());
        assertEquals(RecoveryPolicies.defaults(), c.recoveryPolicies());
        assertEquals(ErrorRateThresholds.defaults().toString(), c.errorRateThresholds().toString());
        assertEquals(Optional.empty(), c.callTimeout());
        assertEquals(1000, c.checkpointInterval());
        assertEquals(Duration.ofSeconds(30), c.checkpointIntervalTime());
        assertEquals(0.10, c.errorThreshold());
        assertEquals(1000, c.errorThresholdMinRecords());
        assertEquals(Optional.empty(), c.runMaxDuration());
    }

    @Test
    void everyKeyIsRead() throws IOException {
        RecoveryConfig c = RecoveryConfig.load(file("""
                retry.maxAttempts=4
                retry.maxDuration=PT2M
                retry.backoff=exponential
                retry.initialDelay=500ms
                retry.maxDelay=10s
                retry.multiplier=3
                retry.jitter=none
                breaker.failureRateThreshold=50%
                breaker.slidingWindowSize=40
                breaker.minimumCalls=20
                breaker.openDuration=1m
                breaker.halfOpenTrials=2
                timeout.call=15s
                checkpoint.interval=500
                checkpoint.intervalTime=10s
                errors.threshold=0.2
                errors.thresholdMinRecords=50
                run.maxDuration=2h
                alerts.warningRate=2%
                alerts.warningWindow=10m
                alerts.criticalRate=0.1
                alerts.criticalWindow=2m
                alerts.minRecords=10
                policy.data.maxAttempts=2
                policy.DATA.onExhausted=stop_run
                policy.unknown.escalate=true
                """));
        RetryPolicy r = c.retryPolicy();
        assertEquals(4, r.maxAttempts());
        assertEquals(Duration.ofMinutes(2), r.maxDuration());
        assertEquals(Duration.ofMillis(500), r.delayBefore(1, fixedRandom(0.0)));
        assertEquals(Duration.ofMillis(1500), r.delayBefore(2, fixedRandom(0.0)));
        assertEquals(Duration.ofSeconds(10), r.delayBefore(4, fixedRandom(0.0)));
        CircuitBreakerConfig b = c.circuitBreakerConfig();
        assertEquals(CircuitBreakerConfig.Mode.FAILURE_RATE, b.mode());
        assertEquals(50.0, b.failureRateThreshold());
        assertEquals(40, b.slidingWindowSize());
        assertEquals(20, b.minimumCalls());
        assertEquals(Duration.ofMinutes(1), b.openDuration());
        assertEquals(2, b.permittedTrialCalls());
        assertEquals(Optional.of(Duration.ofSeconds(15)), c.callTimeout());
        assertEquals(Optional.of(Duration.ofSeconds(15)), c.callOptions("api").build().timeout());
        assertEquals(500, c.checkpointInterval());
        assertEquals(Duration.ofSeconds(10), c.checkpointIntervalTime());
        assertEquals(0.2, c.errorThreshold());
        assertEquals(50, c.errorThresholdMinRecords());
        assertEquals(Optional.of(Duration.ofHours(2)), c.runMaxDuration());
        ErrorRateThresholds a = c.errorRateThresholds();
        assertEquals(0.02, a.warningRate());
        assertEquals(Duration.ofMinutes(10), a.warningWindow());
        assertEquals(0.1, a.criticalRate());
        assertEquals(Duration.ofMinutes(2), a.criticalWindow());
        assertEquals(10, a.minRecords());
        CategoryPolicy data = c.recoveryPolicies().get(ErrorCategory.DATA);
        assertEquals(2, data.retry().maxAttempts());
        assertEquals(OnExhausted.STOP_RUN, data.onExhausted());
        assertTrue(c.recoveryPolicies().get(ErrorCategory.UNKNOWN).escalate());
        assertEquals(r, c.recoveryPolicies().get(ErrorCategory.TRANSIENT).retry());
        assertEquals(2, c.recoveryPolicies().get(ErrorCategory.SYSTEM).retry().maxAttempts());
    }

    @Test
    void anInvalidIntegerIsRefusedNamingTheFileTheKeyAndTheAcceptedValues() throws IOException {
        assertEquals("orders.properties: retry.maxAttempts must be an integer >= 1, was 'abc'",
                refused("retry.maxAttempts=abc"));
        assertEquals("orders.properties: retry.maxAttempts must be an integer >= 1, was '0'",
                refused("retry.maxAttempts=0"));
    }

    @Test
    void anUnknownKeyIsRefusedWithTheListOfAcceptedKeys() throws IOException {
        String message = refused("retry.maxAtempts=3");
        assertTrue(message.startsWith("orders.properties: unknown key retry.maxAtempts; accepted keys: "), message);
        assertTrue(message.contains("retry.maxAttempts"), message);
        assertTrue(message.contains("policy.<category>.escalate|maxAttempts|onExhausted"), message);
    }

    @Test
    void anUnknownCategoryIsRefused() throws IOException {
        assertEquals("orders.properties: policy.network.maxAttempts: unknown category 'network'; accepted "
                + "categories: transient, configuration, data, system, unknown", refused("policy.network.maxAttempts=2"));
    }

    @Test
    void durationsAcceptIsoAndShortForms() throws IOException {
        assertEquals(Duration.ofMinutes(5), RecoveryConfig.load(file("retry.maxDuration=PT5M")).retryPolicy().maxDuration());
        assertEquals(Duration.ofMillis(500), RecoveryConfig.load(file("retry.maxDuration=500ms")).retryPolicy().maxDuration());
        assertEquals(Duration.ofSeconds(30), RecoveryConfig.load(file("retry.maxDuration=30s")).retryPolicy().maxDuration());
        assertEquals(Duration.ofMinutes(5), RecoveryConfig.load(file("retry.maxDuration=5m")).retryPolicy().maxDuration());
        assertEquals("orders.properties: retry.maxDuration must be a duration such as PT5M, 500ms, 30s, 5m, 2h or 1d, "
                + "greater than zero, was '5 minutes'", refused("retry.maxDuration=5 minutes"));
        assertEquals("orders.properties: breaker.openDuration must be a duration such as PT5M, 500ms, 30s, 5m, 2h "
                + "or 1d, greater than zero, was '0s'", refused("breaker.openDuration=0s"));
    }

    @Test
    void theJitterIsNoneFullOrAFraction() throws IOException {
        Backoff none = RecoveryConfig.load(file("retry.backoff=fixed\nretry.initialDelay=2s\nretry.jitter=none"))
                .retryPolicy().backoff();
        assertEquals(Duration.ofSeconds(2), none.delayBefore(1, fixedRandom(0.0)));
        Backoff full = RecoveryConfig.load(file("retry.backoff=fixed\nretry.initialDelay=2s\nretry.jitter=full"))
                .retryPolicy().backoff();
        assertEquals(Duration.ofMillis(500), full.delayBefore(1, fixedRandom(0.25)));
        Backoff tenth = RecoveryConfig.load(file("retry.backoff=fixed\nretry.initialDelay=2s\nretry.jitter=0.1"))
                .retryPolicy().backoff();
        assertEquals(Duration.ofMillis(1800), tenth.delayBefore(1, fixedRandom(0.0)));
        assertEquals("orders.properties: retry.jitter must be none, full, or a fraction > 0 and <= 1 such as 0.25 "
                + "(or 25%), was 'some'", refused("retry.jitter=some"));
    }

    @Test
    void contradictoryKeysAreRefused() throws IOException {
        assertEquals("orders.properties: breaker.failureThreshold and breaker.failureRateThreshold are both set: "
                        + "choose one way to open the breaker (consecutive failures or failure rate)",
                refused("breaker.failureThreshold=5\nbreaker.failureRateThreshold=50"));
        assertEquals("orders.properties: breaker.slidingWindowSize applies only in failure-rate mode: set "
                + "breaker.failureRateThreshold too", refused("breaker.slidingWindowSize=10"));
        assertEquals("orders.properties: breaker.minimumCalls must be <= breaker.slidingWindowSize (20), was '30'",
                refused("breaker.failureRateThreshold=50\nbreaker.minimumCalls=30"));
        assertEquals("orders.properties: retry.maxDelay applies only to retry.backoff=exponential, but retry.backoff "
                + "is fixed", refused("retry.backoff=fixed\nretry.maxDelay=10s"));
        assertEquals("orders.properties: retry.maxDelay must be >= retry.initialDelay (5s), was '1s'",
                refused("retry.initialDelay=5s\nretry.maxDelay=1s"));
        String duplicate = refused("policy.data.maxAttempts=2\npolicy.DATA.maxAttempts=3");
        assertTrue(duplicate.startsWith("orders.properties: policy.") && duplicate.contains("policy.data.maxAttempts")
                && duplicate.contains("policy.DATA.maxAttempts") && duplicate.endsWith("set the same thing: keep one"),
                duplicate);
    }

    @Test
    void otherInvalidValuesAreRefusedWithTheAcceptedValues() throws IOException {
        assertEquals("orders.properties: retry.backoff must be fixed or exponential, was 'linear'",
                refused("retry.backoff=linear"));
        assertEquals("orders.properties: errors.threshold must be a fraction > 0 and <= 1 (0.10) or a percentage "
                + "(10%), was '1.5'", refused("errors.threshold=1.5"));
        assertEquals("orders.properties: policy.data.onExhausted must be quarantine or stop_run, was 'retry'",
                refused("policy.data.onExhausted=retry"));
        assertEquals("orders.properties: breaker.failureRateThreshold must be a percentage > 0 and <= 100, such as "
                + "50 or 50%, was '150%'", refused("breaker.failureRateThreshold=150%"));
        assertEquals("orders.properties: alerts.criticalRate must be a fraction >= 0 and < 1 (0.05) or a percentage "
                + "(5%), was 'high'", refused("alerts.criticalRate=high"));
        assertEquals("orders.properties: retry.multiplier must be a number >= 1, was '0.5'",
                refused("retry.multiplier=0.5"));
        assertEquals("orders.properties: timeout.call is empty: give a value or remove the key",
                refused("timeout.call="));
    }

    @Test
    void aMissingFileIsRefusedNamingIt() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> RecoveryConfig.load(dir.resolve("missing.properties")));
        assertTrue(e.getMessage().startsWith("missing.properties: cannot read the recovery configuration"),
                e.getMessage());
    }

    @Test
    void theConfigCanBeBuiltInCodeWithTheSameChecks() {
        RecoveryConfig c = RecoveryConfig.builder().checkpointInterval(10).errorThreshold(0.5)
                .callTimeout(Duration.ofSeconds(1))
                .categoryPolicy(ErrorCategory.DATA, new CategoryPolicy(RetryPolicy.none(), OnExhausted.STOP_RUN, false))
                .build();
        assertEquals(10, c.checkpointInterval());
        assertEquals(OnExhausted.STOP_RUN, c.recoveryPolicies().get(ErrorCategory.DATA).onExhausted());
        assertEquals("code", c.source());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecoveryConfig.builder().checkpointInterval(0));
        assertEquals("checkpointInterval must be >= 1, was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecoveryConfig.builder().errorThreshold(0));
        assertEquals("errorThreshold must be a fraction > 0 and <= 1, was 0.0", e.getMessage());
        RecoveryConfig copy = c.toBuilder().checkpointInterval(20).build();
        assertEquals(20, copy.checkpointInterval());
        assertEquals(Optional.of(Duration.ofSeconds(1)), copy.callTimeout());
        assertFalse(copy.toString().isEmpty());
    }
}
