/**
 * The {@code daily-sales} sample pipeline: three steps that show task steps, a JDBC source and resume across steps.
 *
 * <pre>
 *  "reset"     task:  DELETE FROM DAILY_SALES                       (once per run)
 *  "aggregate" batch: JdbcSource ORDERS_CLEAN (keyset on ORDER_ID) ──▶ DailySalesSink: per batch, MERGE-increments
 *                     DAILY_SALES in the batch's transaction         (exactly-once across resumes)
 *  "export"    task:  DAILY_SALES ──▶ CSV report, written atomically (once per run)
 * </pre>
 */
package io.etlrecovery.samples.sales;
