package io.etlrecovery.report;

import java.time.Duration;

/**
 * How fast a budget burns over one window ending now: {@code burnRate = errorRatio / (1 − SLO)}. A burn rate of 1
 * spends exactly the budget over the SLO window; 0 when nothing happened in the window.
 *
 * @param window     the window, ending at the report's time
 * @param total      records (or runs) in the window
 * @param failed     of those, failures
 * @param errorRatio {@code failed / total}, 0 when {@code total} is 0
 * @param burnRate   {@code errorRatio / (1 − SLO)}
 */
public record BurnRate(Duration window, long total, long failed, double errorRatio, double burnRate) {
}
