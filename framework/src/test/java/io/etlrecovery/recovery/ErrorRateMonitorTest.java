package io.etlrecovery.recovery;

import io.etlrecovery.recovery.TestSupport.RecordingAlerts;
import io.etlrecovery.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorRateMonitorTest {

    private final ManualClock clock = new ManualClock();
    private final RecordingAlerts alerts = new RecordingAlerts();
    private final ErrorRateMonitor monitor = ErrorRateMonitor.create(ErrorRateThresholds.defaults(), clock, alerts,
            "orders", 7L);

    private List<Alert.Level> levels() {
        return alerts.alerts().stream().map(Alert::level).toList();
    }

    @Test
    void aWindowWithFewerRecordsThanTheMinimumRaisesNoAlert() {
        monitor.recordSuccess(1);
        monitor.recordFailure(1);
        monitor.recordFailure(97);
        assertTrue(alerts.alerts().isEmpty(), "99 records, all but one failed: still below the minimum of 100");
    }

    @Test
    void aWarningIsRaisedWhenMoreThanOnePercentFailedInTheLastFiveMinutes() {
        monitor.recordSuccess(990);
        monitor.recordFailure(10);
        assertTrue(alerts.alerts().isEmpty(), "exactly 1% is not more than 1%");
        clock.advance(Duration.ofMinutes(2)); // out of the critical window, still in the warning window
        monitor.recordFailure(1);
        assertEquals(List.of(Alert.Level.WARNING), levels());
        Alert alert = alerts.alerts().get(0);
        assertEquals(Alert.Kind.ERROR_RATE, alert.kind());
        assertEquals("orders", alert.pipeline());
        assertEquals(7L, alert.runId());
        assertEquals(ManualClock.DEFAULT_START.plus(Duration.ofMinutes(2)), alert.at());
        assertEquals("1.1% of records failed in the last 5m (11 of 1001), above the warning threshold of 1%",
                alert.message());
    }

    @Test
    void aCriticalAlertIsRaisedWhenMoreThanFivePercentFailedInTheLastMinute() {
        monitor.recordSuccess(100);
        monitor.recordFailure(6);
        assertEquals(List.of(Alert.Level.CRITICAL, Alert.Level.WARNING), levels());
    }

    @Test
    void eachAlertFiresOncePerCrossingAndReArmsWhenTheRateFallsBackUnder() {
        monitor.recordSuccess(100);
        monitor.recordFailure(2); // 2/102 ≈ 2%: warning
        monitor.recordFailure(1);
        monitor.recordFailure(1);
        assertEquals(List.of(Alert.Level.WARNING), levels());
        monitor.recordSuccess(400); // 4/504 < 1%: re-armed
        assertEquals(1, alerts.alerts().size());
        monitor.recordFailure(3); // 7/507 > 1%
        assertEquals(List.of(Alert.Level.WARNING, Alert.Level.WARNING), levels());
    }

    @Test
    void failuresThatLeftTheWindowNoLongerCount() {
        monitor.recordSuccess(100);
        monitor.recordFailure(100);
        assertEquals(0.5, monitor.warningWindowFailureRate());
        clock.advance(Duration.ofSeconds(61));
        assertEquals(0.0, monitor.criticalWindowFailureRate(), "the critical window is one minute");
        assertEquals(0.5, monitor.warningWindowFailureRate());
        clock.advance(Duration.ofMinutes(5));
        assertEquals(0.0, monitor.warningWindowFailureRate());
        monitor.recordSuccess(1000);
        monitor.recordFailure(20); // 2% again in a fresh window: the earlier crossing ended, so it alerts again
        assertEquals(List.of(Alert.Level.CRITICAL, Alert.Level.WARNING, Alert.Level.WARNING), levels());
    }

    @Test
    void theWindowSlidesBucketByBucketOverALongRun() {
        // one failure and 99 successes every 10 seconds for two hours: a steady 1%, never more
        for (int i = 0; i < 720; i++) {
            monitor.recordSuccess(99);
            monitor.recordFailure(1);
            clock.advance(Duration.ofSeconds(10));
        }
        assertTrue(alerts.alerts().isEmpty());
        assertEquals(0.01, monitor.warningWindowFailureRate(), 1e-9);
    }

    @Test
    void thresholdsAreConfigurable() {
        ErrorRateMonitor strict = ErrorRateMonitor.create(ErrorRateThresholds.builder().warningRate(0.5)
                .warningWindow(Duration.ofSeconds(10)).criticalRate(0.9).criticalWindow(Duration.ofSeconds(5))
                .minRecords(2).build(), clock, alerts, null, null);
        strict.recordSuccess(1);
        strict.recordFailure(2);
        assertEquals(List.of(Alert.Level.WARNING), levels());
    }

    @Test
    void aThrowingListenerIsIgnored() {
        ErrorRateMonitor m = ErrorRateMonitor.create(ErrorRateThresholds.defaults(), clock, alert -> {
            throw new IllegalStateException("pager down");
        }, null, null);
        m.recordFailure(200);
        assertEquals(1.0, m.criticalWindowFailureRate());
    }

    @Test
    void invalidThresholdsAreRefusedNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ErrorRateThresholds.builder().warningRate(1.5));
        assertEquals("warningRate must be a fraction >= 0 and < 1, was 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ErrorRateThresholds.builder().minRecords(0));
        assertEquals("minRecords must be >= 1, was 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> monitor.recordFailure(-1));
    }

    @Test
    void aRateHoveringAtTheThresholdAlertsOnceNotOnEveryBatch() {
        monitor.record(10000, 110); // 1.1%: warning
        for (int batch = 0; batch < 50; batch++) {
            // batches of 0.5% and 1.5% bad: the window's rate swings around 1%, never down to 0.8%
            monitor.record(batch % 2 == 0 ? 995 : 985, batch % 2 == 0 ? 5 : 15);
        }
        assertEquals(List.of(Alert.Level.WARNING), levels(), "one alert for one episode");
        monitor.record(20000, 0); // well under 0.8%: re-armed
        monitor.record(0, 400);
        assertEquals(List.of(Alert.Level.WARNING, Alert.Level.WARNING), levels());
    }

}
