package io.etlrecovery.recovery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives {@link Alert}s (to page someone, post to a chat, …). Called synchronously by the code that raised the
 * alert, so it should be quick; a listener that throws is logged and ignored by the framework's callers. A run
 * raises alerts from more than one thread (error-rate alerts come from the step's writer thread, as each batch
 * commits), so a listener that keeps state must be thread-safe.
 */
@FunctionalInterface
public interface AlertListener {

    /** Called once per alert. */
    void onAlert(Alert alert);

    /**
     * The default: logs each alert through SLF4J (logger {@code io.etlrecovery.alerts}), WARNING at WARN and
     * CRITICAL at ERROR.
     */
    static AlertListener logging() {
        Logger log = LoggerFactory.getLogger("io.etlrecovery.alerts");
        return alert -> {
            String run = alert.runId() == null ? "" : " run " + alert.runId();
            String pipeline = alert.pipeline() == null ? "" : " [" + alert.pipeline() + run + "]";
            if (alert.level() == Alert.Level.CRITICAL) {
                log.error("{} {}{}: {}", alert.level(), alert.kind(), pipeline, alert.message());
            } else {
                log.warn("{} {}{}: {}", alert.level(), alert.kind(), pipeline, alert.message());
            }
        };
    }
}
