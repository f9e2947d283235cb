/**
 * Metrics for users who already run Micrometer: {@link io.etlrecovery.metrics.MicrometerBinder} exposes records
 * read, loaded and quarantined, retries, circuit breaker states and error budget remaining as gauges tagged by
 * pipeline, step and breaker. Micrometer is an optional dependency; only this package needs it.
 */
package io.etlrecovery.metrics;
