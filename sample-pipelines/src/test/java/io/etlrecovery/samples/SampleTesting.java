package io.etlrecovery.samples;

import io.etlrecovery.store.Store;
import io.etlrecovery.workload.GenerationResult;
import io.etlrecovery.workload.OrdersGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the sample pipelines' tests: generated input and plain SQL queries on a store. */
public final class SampleTesting {

    private SampleTesting() {
    }

    /** Generates the orders workload into {@code dir/orders.csv} (and its {@code .expected}). */
    public static GenerationResult orders(Path dir, long rows, double badRate, long seed) throws IOException {
        return OrdersGenerator.builder().rows(rows).badRate(badRate).seed(seed).build().generate(dir.resolve("orders.csv"));
    }

    /** The rows of {@code sql} (with {@code args} bound), each as an array of {@code getObject} values. */
    public static List<Object[]> query(Store store, String sql, Object... args) throws SQLException {
        try (Connection c = store.openConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Object[]> rows = new ArrayList<>();
                while (rs.next()) {
                    Object[] row = new Object[meta.getColumnCount()];
                    for (int i = 0; i < row.length; i++) row[i] = rs.getObject(i + 1);
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /** A DATE column's value, whether the driver gives a {@code java.sql.Date} or a {@code LocalDate}. */
    public static LocalDate localDate(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }

    /** The single number {@code sql} returns. */
    public static long count(Store store, String sql, Object... args) throws SQLException {
        return ((Number) query(store, sql, args).get(0)[0]).longValue();
    }
}
