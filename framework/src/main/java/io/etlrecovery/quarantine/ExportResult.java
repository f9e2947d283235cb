package io.etlrecovery.quarantine;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Quarantine#export} wrote. Immutable.
 *
 * @param file    the CSV file, complete (written to a temporary file and renamed)
 * @param records how many records it holds (one row each)
 * @param columns its header, in order
 */
public record ExportResult(Path file, long records, List<String> columns) {

    public ExportResult {
        columns = List.copyOf(columns);
    }
}
