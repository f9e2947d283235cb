package io.etlrecovery.quarantine.internal;

import io.etlrecovery.pipeline.Position;
import io.etlrecovery.runner.internal.RunExecution;
import io.etlrecovery.store.QuarantineRow;
import io.etlrecovery.store.StoreSession;
import java.time.Instant;

/**
 * Updates the quarantine rows of a reprocessing run inside each batch's transaction: a loaded record becomes
 * REPROCESSED with the run's id; one that failed again stays QUARANTINED with one more attempt, the new error and
 * the fields it was fed with. One indexed update per record (reprocessing is not the bulk load's hot path).
 */
public final class StatusHooks implements RunExecution.ReprocessHooks {

    @Override
    public void loaded(StoreSession session, Position position, long runId, Instant at) {
        long id = QuarantineSource.idOf(position);
        if (id > 0) session.quarantine().markReprocessed(id, runId, at);
    }

    @Override
    public boolean failedAgain(StoreSession session, Position position, QuarantineRow failure, Instant at) {
        long id = QuarantineSource.idOf(position);
        if (id < 1) return false;
        // true even if the row changed meanwhile (discarded by someone): never add a second row for one record
        session.quarantine().markFailedAgainWithRecord(id, failure.stepName(), failure.parsedRecord(),
                failure.exceptionClass(), failure.errorMessage(), failure.category(), failure.errorType(),
                failure.fingerprint(), failure.errorId(), at);
        return true;
    }
}
