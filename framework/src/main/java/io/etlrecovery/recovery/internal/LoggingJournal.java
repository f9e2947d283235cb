package io.etlrecovery.recovery.internal;

import io.etlrecovery.recovery.ErrorContext;
import io.etlrecovery.recovery.spi.FailureRecord;
import io.etlrecovery.recovery.spi.RecoveryActionRecord;
import io.etlrecovery.recovery.spi.RecoveryJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link RecoveryJournal} that only logs. Internal: use {@link RecoveryJournal#logging()}. */
public final class LoggingJournal implements RecoveryJournal {

    public static final LoggingJournal INSTANCE = new LoggingJournal();
    private static final Logger LOG = LoggerFactory.getLogger("io.etlrecovery.journal");

    private LoggingJournal() {
    }

    @Override
    public void failure(FailureRecord r) {
        LOG.warn("{}{} {} after {} attempt(s): {} {}/{}: {} [{}]", where(r.context()),
                r.dependency() == null ? "" : " '" + r.dependency() + "'", r.outcome(), r.attemptCount(),
                r.exceptionClass(), r.classification().category(), r.classification().type(), r.message(),
                r.fingerprint());
    }

    @Override
    public void action(RecoveryActionRecord a) {
        LOG.info("{} {}{}: {}", where(a.context()), a.action(), a.target() == null ? "" : " " + a.target(),
                a.detail());
    }

    private static String where(ErrorContext c) {
        StringBuilder sb = new StringBuilder("[");
        if (c.pipeline() != null) {
            sb.append(c.pipeline());
        }
        if (c.runId() != null) {
            sb.append(" run ").append(c.runId());
        }
        if (c.step() != null) {
            sb.append(' ').append(c.step());
        }
        if (c.batchNumber() != null) {
            sb.append(" batch ").append(c.batchNumber());
        }
        if (c.recordPosition() != null) {
            sb.append(" @").append(c.recordPosition());
        }
        return sb.append(']').toString();
    }
}
