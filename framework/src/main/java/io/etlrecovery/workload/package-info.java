/**
 * The orders workload of the benchmark and the demo: a deterministic orders CSV with a known number of
 * bad rows of known kinds, and the {@code .expected} file that states those numbers.
 *
 * <p>{@link io.etlrecovery.workload.OrdersGenerator} is byte-compatible with the benchmark's reference
 * generator ({@code bench/GenerateOrders.java}, described in {@code bench/WORKLOAD.md}): for the same rows,
 * bad rate and seed it writes exactly the same CSV bytes and the same {@code .expected} file, so results
 * measured on either are comparable. {@link io.etlrecovery.workload.ExpectedCounts} reads an
 * {@code .expected} file back; {@link io.etlrecovery.workload.DefectKind} names the defects in the order
 * in which the generator cycles through them.
 */
package io.etlrecovery.workload;
