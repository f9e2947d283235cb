package io.etlrecovery.runner.internal;

import io.etlrecovery.recovery.spi.FailureRecord;
import io.etlrecovery.recovery.spi.RecoveryActionRecord;
import io.etlrecovery.recovery.spi.RecoveryJournal;
import java.util.ArrayList;
import java.util.List;

/**
 * The runner's journal: buffers what the recovery manager reports during one batch, so that it is written in
 * that batch's transaction (no database round trip per record). Thread-safe: a batch may be processed on
 * several threads.
 */
public final class BatchJournal implements RecoveryJournal {
    private final List<FailureRecord> failures = new ArrayList<>();
    private final List<RecoveryActionRecord> actions = new ArrayList<>();

    @Override
    public synchronized void failure(FailureRecord record) {
        failures.add(record);
    }

    @Override
    public synchronized void action(RecoveryActionRecord action) {
        actions.add(action);
    }

    /** Takes what was buffered since the last drain. */
    public synchronized Drained drain() {
        Drained d = new Drained(List.copyOf(failures), List.copyOf(actions));
        failures.clear();
        actions.clear();
        return d;
    }

    /** What one batch recorded. */
    public record Drained(List<FailureRecord> failures, List<RecoveryActionRecord> actions) {
    }
}
