package io.etlrecovery.quarantine;

/** Where a quarantined record stands. A record starts QUARANTINED and ends in one of the two others, for good. */
public enum QuarantineStatus {
    /** Waiting: can be exported, reprocessed or discarded. */
    QUARANTINED,
    /** Loaded by a later run (named in {@link QuarantinedRecord#reprocessedRunId()}). */
    REPROCESSED,
    /** Given up on, with a reason ({@link QuarantinedRecord#discardReason()}); kept for the record. */
    DISCARDED
}
