/**
 * The sample pipelines: runnable examples and templates to copy when writing your own.
 *
 * <ul>
 *   <li>{@link io.etlrecovery.samples.orders} — {@code orders-import}: CSV orders, validated, converted to EUR
 *       through a flaky FX-rate service behind a circuit breaker, loaded exactly once into {@code ORDERS_CLEAN}.</li>
 *   <li>{@link io.etlrecovery.samples.sales} — {@code daily-sales}: a multi-step pipeline (task, batch over a JDBC
 *       source, task) that aggregates {@code ORDERS_CLEAN} into {@code DAILY_SALES} and exports a CSV report.</li>
 * </ul>
 * Both are found by {@code java.util.ServiceLoader} through
 * {@code META-INF/services/io.etlrecovery.pipeline.PipelineProvider}, so {@code run <name>} works for them.
 */
package io.etlrecovery.samples;
