/**
 * etl-recovery: batch ETL pipelines that survive failure. The root package holds what every module shares: the
 * root exception {@link io.etlrecovery.EtlRecoveryException} (database module) and the log context of a run
 * (framework module). Start with {@code io.etlrecovery.pipeline} (writing pipelines) and
 * {@code io.etlrecovery.runner} (running them).
 */
package io.etlrecovery;
