package io.etlrecovery.store;

import java.sql.Connection;
import java.sql.DriverManager;

/** Child-process helper: opens an H2 file in plain embedded mode (no sharing), says READY, waits for stdin. */
public final class HoldH2FileOpen {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + args[0], "sa", "")) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS HELD(ID INT)");
            System.out.println("READY");
            System.out.flush();
            System.in.read();
        }
    }
}
