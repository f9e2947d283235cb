package io.etlrecovery.workload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The truth about a generated orders file, as stated by its {@code .expected} file: immutable.
 *
 * <p>Guarantees: all counts are {@code >= 0}, {@code good + bad == rows}, and the per-defect counts add up
 * to {@code bad}. {@link #defects()} is unmodifiable and keeps its order (for generated files: the order of
 * {@link DefectKind}), keyed by {@link DefectKind#key()}.
 *
 * @param rows    number of data records (the header not counted)
 * @param good    number of records that pass the workload's validation
 * @param bad     number of records with a defect
 * @param defects count per defect key, e.g. {@code "missing_column" -> 125}
 */
public record ExpectedCounts(long rows, long good, long bad, Map<String, Long> defects) {
    public ExpectedCounts {
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0: " + rows);
        if (good < 0) throw new IllegalArgumentException("good must be >= 0: " + good);
        if (bad < 0) throw new IllegalArgumentException("bad must be >= 0: " + bad);
        if (good + bad != rows) {
            throw new IllegalArgumentException("good + bad must equal rows: " + good + " + " + bad + " != " + rows);
        }
        Objects.requireNonNull(defects, "defects");
        long sum = 0;
        for (Map.Entry<String, Long> e : defects.entrySet()) {
            Objects.requireNonNull(e.getKey(), "defects key");
            Long n = Objects.requireNonNull(e.getValue(), () -> "defects[" + e.getKey() + "]");
            if (n < 0) throw new IllegalArgumentException("defects[" + e.getKey() + "] must be >= 0: " + n);
            sum += n;
        }
        if (!defects.isEmpty() && sum != bad) {
            throw new IllegalArgumentException("defects must add up to bad: " + sum + " != " + bad);
        }
        defects = Collections.unmodifiableMap(new LinkedHashMap<>(defects));
    }

    /** The count for this kind, 0 if the file has no line for it. */
    public long count(DefectKind kind) {
        return defects.getOrDefault(kind.key(), 0L);
    }

    /**
     * Parses an {@code .expected} file: lines {@code rows=}, {@code good=}, {@code bad=} and any number of
     * {@code defect.<key>=<count>} lines (kept in file order); blank lines are ignored.
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if a line is malformed, a key is unknown or repeated, one of
     *                                  {@code rows}, {@code good}, {@code bad} is missing, or the counts do
     *                                  not add up; the message names the file and the line
     */
    public static ExpectedCounts read(Path expectedFile) throws IOException {
        List<String> lines = Files.readAllLines(expectedFile, StandardCharsets.UTF_8);
        long rows = -1, good = -1, bad = -1;
        Map<String, Long> defects = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            String where = expectedFile + " line " + (i + 1);
            int eq = line.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException(where + ": expected key=value: " + line);
            String key = line.substring(0, eq);
            long value;
            try {
                value = Long.parseLong(line.substring(eq + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": not a number: " + line, e);
            }
            if (value < 0) throw new IllegalArgumentException(where + ": negative count: " + line);
            boolean repeated;
            switch (key) {
                case "rows" -> { repeated = rows >= 0; rows = value; }
                case "good" -> { repeated = good >= 0; good = value; }
                case "bad" -> { repeated = bad >= 0; bad = value; }
                default -> {
                    if (!key.startsWith("defect.") || key.length() == "defect.".length()) {
                        throw new IllegalArgumentException(where + ": unknown key " + key);
                    }
                    repeated = defects.put(key.substring("defect.".length()), value) != null;
                }
            }
            if (repeated) throw new IllegalArgumentException(where + ": repeated key " + key);
        }
        if (rows < 0) throw new IllegalArgumentException(expectedFile + ": no rows= line");
        if (good < 0) throw new IllegalArgumentException(expectedFile + ": no good= line");
        if (bad < 0) throw new IllegalArgumentException(expectedFile + ": no bad= line");
        try {
            return new ExpectedCounts(rows, good, bad, defects);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(expectedFile + ": " + e.getMessage(), e);
        }
    }
}
