/**
 * Crash and soak tests: a real child JVM runs an orders pipeline against a real H2 file store, the test kills it
 * with SIGKILL at random moments (after a committed batch, in the middle of a batch's transaction, right after
 * the run started) and resumes it, then checks that every input record is in the sink or in quarantine exactly
 * once and that the store's run, checkpoint and quarantine rows agree.
 *
 * <p>{@link io.etlrecovery.crash.CrashChild} is the child's main class; {@link io.etlrecovery.crash.ChildProcess}
 * starts, reads and kills it; {@link io.etlrecovery.crash.InputTruth} is what an uninterrupted, independent read of
 * the input says; {@link io.etlrecovery.crash.StoreAudit} compares the store with it.
 */
package io.etlrecovery.crash;
