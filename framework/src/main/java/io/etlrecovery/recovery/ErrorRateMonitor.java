package io.etlrecovery.recovery;

import io.etlrecovery.recovery.internal.Durations;
import io.etlrecovery.recovery.internal.SlidingCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

/**
 * Watches the share of failing records of one run over two sliding time windows and raises
 * {@link Alert.Kind#ERROR_RATE} alerts by {@link ErrorRateThresholds}: WARNING over the warning window, CRITICAL
 * over the critical window.
 *
 * <p>Guarantees: thread-safe; O(1) amortised per call and constant memory (each window is a ring of 60 time
 * buckets, so it is exact to 1/60 of its length); time comes from the injected {@link Clock}; the windows are
 * judged after each {@code record…} call, a window only once it holds at least
 * {@link ErrorRateThresholds#minRecords()} records, and a rate must be strictly above its threshold. Each alert
 * fires once per crossing: a level re-arms only when its rate has fallen to {@value #REARM_FRACTION} of its
 * threshold or below (or its window no longer holds enough records), so a rate hovering at the threshold does not
 * alert on every batch. The listener is called on the recording thread; if it throws, that is logged and
 * ignored.
 */
public final class ErrorRateMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorRateMonitor.class);
    private static final int BUCKETS = 60;
    /** A level re-arms once its rate is at most this share of its threshold (hysteresis). */
    static final double REARM_FRACTION = 0.8;

    private final ErrorRateThresholds thresholds;
    private final Clock clock;
    private final AlertListener listener;
    private final String pipeline;
    private final Long runId;
    private final SlidingCounter warning;
    private final SlidingCounter critical;
    private boolean warningArmed = true;
    private boolean criticalArmed = true;

    private ErrorRateMonitor(ErrorRateThresholds thresholds, Clock clock, AlertListener listener, String pipeline,
                             Long runId) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.pipeline = pipeline;
        this.runId = runId;
        this.warning = new SlidingCounter(thresholds.warningWindow().toMillis(), BUCKETS);
        this.critical = new SlidingCounter(thresholds.criticalWindow().toMillis(), BUCKETS);
    }

    /**
     * A monitor for one run.
     *
     * @param pipeline the pipeline named in the alerts (nullable)
     * @param runId    the run named in the alerts (nullable)
     */
    public static ErrorRateMonitor create(ErrorRateThresholds thresholds, Clock clock, AlertListener listener,
                                          String pipeline, Long runId) {
        return new ErrorRateMonitor(thresholds, clock, listener, pipeline, runId);
    }

    /**
     * Counts {@code n} records that succeeded now, then judges the windows.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public void recordSuccess(long n) {
        record(n, 0);
    }

    /**
     * Counts {@code n} records that failed now, then judges the windows.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public void recordFailure(long n) {
        record(0, n);
    }

    /** The failed fraction over the warning window now (0 when it is empty). */
    public synchronized double warningWindowFailureRate() {
        warning.advance(clock.millis());
        return rate(warning);
    }

    /** The failed fraction over the critical window now (0 when it is empty). */
    public synchronized double criticalWindowFailureRate() {
        critical.advance(clock.millis());
        return rate(critical);
    }

    /** The thresholds. */
    public ErrorRateThresholds thresholds() {
        return thresholds;
    }

    /** Records a batch's outcomes at once, so its rate is judged as a whole (not after its successes alone). */
    public void record(long successes, long failures) {
        if (successes < 0 || failures < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + Math.min(successes, failures));
        }
        Alert criticalAlert = null;
        Alert warningAlert = null;
        synchronized (this) {
            long now = clock.millis();
            warning.add(now, successes, failures);
            critical.add(now, successes, failures);
            boolean criticalOver = over(critical, thresholds.criticalRate());
            if (criticalOver && criticalArmed) {
                criticalAlert = alert(Alert.Level.CRITICAL, critical, thresholds.criticalRate(),
                        thresholds.criticalWindow());
            }
            if (criticalOver) criticalArmed = false;
            else if (!over(critical, thresholds.criticalRate() * REARM_FRACTION)) criticalArmed = true;
            boolean warningOver = over(warning, thresholds.warningRate());
            if (warningOver && warningArmed) {
                warningAlert = alert(Alert.Level.WARNING, warning, thresholds.warningRate(),
                        thresholds.warningWindow());
            }
            if (warningOver) warningArmed = false;
            else if (!over(warning, thresholds.warningRate() * REARM_FRACTION)) warningArmed = true;
        }
        send(criticalAlert);
        send(warningAlert);
    }

    private boolean over(SlidingCounter c, double threshold) {
        long total = c.successes() + c.failures();
        // the quotient is correctly rounded, so exactly 1% compares equal to a threshold of 0.01
        return total >= thresholds.minRecords() && (double) c.failures() / total > threshold;
    }

    private static double rate(SlidingCounter c) {
        long total = c.successes() + c.failures();
        return total == 0 ? 0.0 : (double) c.failures() / total;
    }

    private Alert alert(Alert.Level level, SlidingCounter c, double threshold, java.time.Duration window) {
        long total = c.successes() + c.failures();
        String message = String.format(Locale.ROOT,
                "%.1f%% of records failed in the last %s (%d of %d), above the %s threshold of %s%%",
                rate(c) * 100.0, Durations.format(window), c.failures(), total,
                level.name().toLowerCase(Locale.ROOT), trim(threshold * 100.0));
        return new Alert(level, Alert.Kind.ERROR_RATE, pipeline, runId, message, clock.instant());
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private void send(Alert alert) {
        if (alert == null) {
            return;
        }
        try {
            listener.onAlert(alert);
        } catch (RuntimeException e) {
            LOG.warn("alert listener {} failed on {}; ignored", listener, alert.kind(), e);
        }
    }
}
