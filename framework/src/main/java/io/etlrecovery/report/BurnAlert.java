package io.etlrecovery.report;

import java.time.Duration;

/**
 * A burn-rate alert that fires: both the long and the short window of a {@link BurnRateAlertPolicy.Rule} burn
 * faster than its threshold.
 *
 * @param pipeline      the pipeline
 * @param sli           the budget that burns: records or runs
 * @param severity      PAGE or TICKET
 * @param longWindow    the rule's long window
 * @param longBurnRate  the burn rate over it
 * @param shortWindow   the rule's short window
 * @param shortBurnRate the burn rate over it
 * @param threshold     the rule's threshold
 * @param message       a sentence for people, naming the numbers
 */
public record BurnAlert(String pipeline, Sli sli, BurnRateAlertPolicy.Severity severity, Duration longWindow,
                        double longBurnRate, Duration shortWindow, double shortBurnRate, double threshold,
                        String message) {
}
