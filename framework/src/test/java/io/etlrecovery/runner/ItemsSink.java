package io.etlrecovery.runner;

import io.etlrecovery.pipeline.Compensable;
import io.etlrecovery.pipeline.Sink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

/** Test sink: ITEMS(ID BIGINT PRIMARY KEY, VAL VARCHAR(10), RUN_ID BIGINT) in the store's database. */
final class ItemsSink implements Sink<String[]>, Compensable {
    static final String DDL = "CREATE TABLE IF NOT EXISTS ITEMS (ID BIGINT PRIMARY KEY, VAL VARCHAR(10), RUN_ID BIGINT)";
    int writes;

    @Override
    public void write(List<? extends String[]> items, WriteContext ctx) throws Exception {
        writes++;
        try (PreparedStatement ps = ctx.connection().prepareStatement("INSERT INTO ITEMS (ID, VAL, RUN_ID) VALUES (?, ?, ?)")) {
            for (String[] item : items) {
                ps.setLong(1, Long.parseLong(item[0]));
                ps.setString(2, item[1]);
                ps.setLong(3, ctx.runId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public long compensate(long runId, Connection connection) throws Exception {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM ITEMS WHERE RUN_ID = ?")) {
            ps.setLong(1, runId);
            return ps.executeUpdate();
        }
    }
}
