package io.etlrecovery.workload;

import java.util.Optional;

/**
 * The defects that {@link OrdersGenerator} puts into bad rows, in the order in which it cycles through them
 * (the n-th bad row of a file, counting from 0, has kind {@code values()[n % 8]}), which is also the order
 * of the {@code defect.<key>} lines of an {@code .expected} file.
 */
public enum DefectKind {
    /** amount {@code 12.3O} (the letter O, not a zero). */
    NON_NUMERIC_AMOUNT("non_numeric_amount"),
    /** the amount negated, e.g. {@code -12.34}. */
    NEGATIVE_AMOUNT("negative_amount"),
    /** order_date {@code 2024-02-30} and {@code yesterday}, alternating (the first one is {@code 2024-02-30}). */
    INVALID_DATE("invalid_date"),
    /** customer_id empty. */
    MISSING_CUSTOMER_ID("missing_customer_id"),
    /** quantity {@code 0}. */
    ZERO_QUANTITY("zero_quantity"),
    /** currency {@code XXX}. */
    UNKNOWN_CURRENCY("unknown_currency"),
    /** the last field (country) dropped: 6 columns. */
    MISSING_COLUMN("missing_column"),
    /** an extra field {@code EXTRA} appended: 8 columns. */
    EXTRA_COLUMN("extra_column");

    private final String key;

    DefectKind(String key) {
        this.key = key;
    }

    /** The key used in {@code .expected} files ({@code defect.<key>=<count>}), e.g. {@code non_numeric_amount}. */
    public String key() {
        return key;
    }

    /** The kind with this {@link #key()}, or empty if there is none (the match is exact). */
    public static Optional<DefectKind> fromKey(String key) {
        for (DefectKind kind : values()) {
            if (kind.key.equals(key)) return Optional.of(kind);
        }
        return Optional.empty();
    }
}
