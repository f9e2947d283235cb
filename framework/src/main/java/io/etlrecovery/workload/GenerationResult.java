package io.etlrecovery.workload;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link OrdersGenerator#generate(Path)} wrote: immutable.
 *
 * @param csvFile      the orders CSV
 * @param expectedFile the {@code .expected} file next to it ({@code <csvFile>.expected})
 * @param counts       the numbers written to {@code expectedFile}: rows, good, bad and the count per
 *                     defect in the order of {@link DefectKind}
 */
public record GenerationResult(Path csvFile, Path expectedFile, ExpectedCounts counts) {
    public GenerationResult {
        Objects.requireNonNull(csvFile, "csvFile");
        Objects.requireNonNull(expectedFile, "expectedFile");
        Objects.requireNonNull(counts, "counts");
    }

    /** Number of data records (the header not counted). */
    public long rows() {
        return counts.rows();
    }

    /** Number of records without a defect. */
    public long good() {
        return counts.good();
    }

    /** Number of records with a defect: {@code round(rows * badRate)}. */
    public long bad() {
        return counts.bad();
    }

    /** Count per defect key ({@link DefectKind#key()}), in the order of {@link DefectKind}; unmodifiable. */
    public Map<String, Long> defects() {
        return counts.defects();
    }

    /** The count for this kind. */
    public long count(DefectKind kind) {
        return counts.count(kind);
    }
}
