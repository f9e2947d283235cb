package io.etlrecovery.store;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A POLICY row of ERROR_BUDGET: a pipeline's service level objectives. Stored with {@code PERIOD_START} set to
 * {@link BudgetRepository#POLICY_PERIOD_START}, so the table's unique key admits one policy per pipeline.
 *
 * @param pipeline   the pipeline
 * @param recordSlo  the share of records to process without quarantine, e.g. {@code 0.995}
 * @param runSlo     the share of runs to succeed, e.g. {@code 0.95}
 * @param windowDays the rolling window in days, e.g. {@code 30}
 * @param computedAt when the policy was written
 */
public record BudgetPolicyRow(String pipeline, BigDecimal recordSlo, BigDecimal runSlo, int windowDays,
                              Instant computedAt) {
}
