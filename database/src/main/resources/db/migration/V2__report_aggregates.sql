-- etl-recovery store, version 2: the counts failure analysis keeps per pipeline and day, so that a report over past
-- days reads them back instead of rescanning ERROR_DETAILS. Portable (H2 2.x and PostgreSQL 15).

-- Failure episodes of the day that were retried (more than one attempt) or fell back ...
ALTER TABLE FAILURE_ANALYSIS ADD COLUMN RETRIED_FAILURES BIGINT;
-- ... and of those, the ones a retry or a fallback recovered (outcome RECOVERED or FALLBACK_USED).
ALTER TABLE FAILURE_ANALYSIS ADD COLUMN RECOVERED_FAILURES BIGINT;
