package io.etlrecovery.quarantine.internal;

import io.etlrecovery.pipeline.Position;
import io.etlrecovery.runner.internal.RunExecution;
import io.etlrecovery.store.QuarantineRow;
import io.etlrecovery.store.StoreSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Updates the quarantine rows of a reprocessing run inside each batch's transaction: a loaded record becomes
 * REPROCESSED with the run's id; one that failed again stays QUARANTINED with one more attempt, the new error and
 * the fields it was fed with. At most two JDBC batches per batch, whatever its size: no statement per record.
 */
public final class StatusHooks implements RunExecution.ReprocessHooks {

    @Override
    public void loaded(StoreSession session, List<Position> positions, long runId, Instant at) {
        List<Long> ids = new ArrayList<>(positions.size());
        for (Position p : positions) {
            long id = QuarantineSource.idOf(p);
            if (id > 0) ids.add(id);
        }
        if (!ids.isEmpty()) session.quarantine().markReprocessed(ids, runId, at);
    }

    @Override
    public List<QuarantineRow> failedAgain(StoreSession session, List<QuarantineRow> failures) {
        List<QuarantineRow> updates = new ArrayList<>(failures.size());
        List<QuarantineRow> notQuarantined = new ArrayList<>();
        for (QuarantineRow failure : failures) {
            long id = QuarantineSource.idOfKey(failure.recordKey());
            if (id > 0) {
                updates.add(failure.withQuarantineId(id));
            } else {
                notQuarantined.add(failure);
            }
        }
        // an existing row is never added a second time, even if it changed meanwhile (discarded by someone)
        if (!updates.isEmpty()) session.quarantine().markFailedAgain(updates);
        return notQuarantined;
    }
}
