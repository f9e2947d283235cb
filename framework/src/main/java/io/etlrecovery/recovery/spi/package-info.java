/**
 * Service-provider interfaces of the recovery layer, implemented by the store and the pipeline runner:
 * {@link io.etlrecovery.recovery.spi.BreakerStateStore} keeps circuit breaker states across runs (saved on each
 * transition only), {@link io.etlrecovery.recovery.spi.RecoveryJournal} receives the failure episodes
 * ({@link io.etlrecovery.recovery.spi.FailureRecord} with its {@link io.etlrecovery.recovery.spi.AttemptRecord}s)
 * and recovery actions ({@link io.etlrecovery.recovery.spi.RecoveryActionRecord}) observed by the
 * {@link io.etlrecovery.recovery.ErrorRecoveryManager}. The records are immutable, their texts already redacted.
 * In-memory and logging implementations are provided for tests and standalone use.
 */
package io.etlrecovery.recovery.spi;
