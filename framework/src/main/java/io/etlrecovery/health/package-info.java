/**
 * System health: resource snapshots ({@link io.etlrecovery.health.HealthSampler}, stored in SYSTEM_HEALTH),
 * pre-run checks that refuse to start a run on a machine short of disk or memory
 * ({@link io.etlrecovery.health.PreRunChecks}), a health check of the store and the machine
 * ({@link io.etlrecovery.health.HealthCheck}) and a background monitor that samples during a run
 * ({@link io.etlrecovery.health.HealthMonitor}). Measurements go through a
 * {@link io.etlrecovery.health.ResourceProbe}: the system one uses OSHI and the JVM; tests supply fixed numbers.
 */
package io.etlrecovery.health;
