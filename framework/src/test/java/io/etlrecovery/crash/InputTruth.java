package io.etlrecovery.crash;

import io.etlrecovery.pipeline.ValidationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an uninterrupted read of an orders CSV says, found without the framework: the file is read line by line
 * (record {@code k} is on physical line {@code k + 1}, no field holds a line break), split by a small RFC 4180
 * splitter of its own and judged by {@link CrashOrders#validate}. The crash tests compare the store with this.
 */
final class InputTruth {
    long rows;
    /** Record numbers (= order ids) of the good records. */
    final BitSet good = new BitSet();
    /** Raw text (without the line end) of each bad record, by record number. */
    final Map<Long, String> badRaw = new HashMap<>();
    long goodQuantitySum;
    BigDecimal goodAmountSum = BigDecimal.ZERO;

    private InputTruth() {
    }

    static InputTruth of(Path csv) throws IOException {
        InputTruth t = new InputTruth();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            in.readLine(); // header
            long n = 0;
            for (String line; (line = in.readLine()) != null; ) {
                n++;
                try {
                    CrashOrders.Order o = CrashOrders.validate(split(line));
                    if (o.orderId() != n) throw new IllegalStateException("record " + n + " has order_id " + o.orderId());
                    t.good.set((int) n);
                    t.goodQuantitySum += o.quantity();
                    t.goodAmountSum = t.goodAmountSum.add(o.amount());
                } catch (ValidationException e) {
                    t.badRaw.put(n, line);
                }
            }
            t.rows = n;
        }
        return t;
    }

    long goodCount() {
        return good.cardinality();
    }

    long badCount() {
        return badRaw.size();
    }

    /** Batches a complete run commits: one per {@link CrashOrders#BATCH_SIZE} records, the last one partial. */
    long batches() {
        return (rows + CrashOrders.BATCH_SIZE - 1) / CrashOrders.BATCH_SIZE;
    }

    /** Splits one CSV line: fields separated by commas, a quoted field may hold commas and doubled quotes. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>(8);
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        fields.add(f.toString());
        return fields;
    }
}
