/**
 * The {@code orders-import} sample pipeline: the workload of the project's benchmark (orders CSV → H2), written
 * as a user would write it.
 *
 * <pre>
 *  CsvSource ──▶ validate (OrderValidator) ──▶ enrich (CurrencyConverter → FxRateService, breaker "fx-rates",
 *                                                        fallback: last known rate) ──▶ JdbcSink ORDERS_CLEAN
 * </pre>
 *
 * {@link io.etlrecovery.samples.orders.OrdersImport} builds the pipeline in code;
 * {@link io.etlrecovery.samples.orders.OrdersImportProvider} makes it known to {@code run orders-import} with its
 * {@code --param}s; {@link io.etlrecovery.samples.orders.FxRateService} is the simulated, optionally flaky, FX-rate
 * service.
 */
package io.etlrecovery.samples.orders;
