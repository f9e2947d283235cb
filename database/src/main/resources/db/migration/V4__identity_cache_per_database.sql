-- etl-recovery store, version 4: V3's identity cache of 1,000, kept on H2 only.
-- H2 keeps one cache per database, PostgreSQL one per session: there every connection took a block of 1,000 ids of
-- its own, so ids came out of insertion order across connections and each closed connection (a command line
-- process, say) left up to 999 of them unused. Store sets the placeholder identityCache by the database: 1 on
-- PostgreSQL, 1000 on H2 (as V3 set it). V3 stays as it was: stores have recorded its checksum.
ALTER TABLE ERROR_DETAILS ALTER COLUMN ERROR_ID SET CACHE ${identityCache};
ALTER TABLE RETRY_ATTEMPTS ALTER COLUMN ATTEMPT_ID SET CACHE ${identityCache};
ALTER TABLE QUARANTINED_RECORDS ALTER COLUMN QUARANTINE_ID SET CACHE ${identityCache};
ALTER TABLE RECOVERY_ACTIONS ALTER COLUMN ACTION_ID SET CACHE ${identityCache};
ALTER TABLE CHECKPOINTS ALTER COLUMN CHECKPOINT_ID SET CACHE ${identityCache};
