package io.etlrecovery.recovery;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Produces real failures from real libraries (H2, commons-csv, the JDK) for the classification tests. */
final class RealFailures {

    private static final AtomicInteger DB = new AtomicInteger();

    private RealFailures() {
    }

    /** Runs the statements on a fresh in-memory H2 database with an ORDERS table; returns the failure of the last. */
    static SQLException h2(String... statements) {
        String url = "jdbc:h2:mem:classify" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=0";
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement()) {
            s.execute("create table orders(id int primary key, name varchar(5) not null, qty int)");
            s.execute("insert into orders values (1, 'a', 1)");
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("no failure from " + String.join("; ", statements));
    }

    /** A real lock timeout: a second connection updates a row the first holds locked. */
    static SQLException h2LockTimeout() {
        String url = "jdbc:h2:mem:classify" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        try (Connection c1 = DriverManager.getConnection(url, "sa", "");
             Connection c2 = DriverManager.getConnection(url + ";LOCK_TIMEOUT=10", "sa", "")) {
            c1.createStatement().execute("create table orders(id int primary key, qty int)");
            c1.createStatement().execute("insert into orders values (1, 1)");
            c1.setAutoCommit(false);
            c2.setAutoCommit(false);
            c1.createStatement().execute("update orders set qty = 2 where id = 1");
            try {
                c2.createStatement().execute("update orders set qty = 3 where id = 1");
            } catch (SQLException e) {
                return e;
            } finally {
                c1.rollback();
                c1.createStatement().execute("shutdown");
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no lock timeout");
    }

    /** A real login failure: a wrong password for an existing database. */
    static SQLException h2WrongPassword() {
        String url = "jdbc:h2:mem:classify" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", "right")) {
            try {
                DriverManager.getConnection(url, "sa", "wrong").close();
            } catch (SQLException e) {
                return e;
            } finally {
                c.createStatement().execute("shutdown");
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no login failure");
    }

    /** A real commons-csv parse failure (an UncheckedIOException wrapping a CSVException). */
    static RuntimeException csv(String text) {
        try (CSVParser parser = CSVParser.parse(text, CSVFormat.DEFAULT)) {
            parser.getRecords();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("no CSV failure for " + text);
    }

    /** A real decoding failure of bytes that are not UTF-8. */
    static CharacterCodingException malformedUtf8() {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(new byte[] {'o', 'k', (byte) 0xC3, 0x28}));
        } catch (CharacterCodingException e) {
            return e;
        }
        throw new AssertionError("no decoding failure");
    }

    /** A real "connection refused": connects to a loopback port that was just released. */
    static IOException connectionRefused() {
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("port " + port + " accepted a connection");
    }

    /** A real read timeout: the loopback server accepts but never writes; the client waits 20 ms. */
    static IOException readTimeout() {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = new Socket()) {
            socket.connect(server.getLocalSocketAddress(), 1000);
            socket.setSoTimeout(20);
            socket.getInputStream().read();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("no read timeout");
    }

    /** A real TimeoutException from a future that never completes. */
    static Exception futureTimeout() {
        try {
            new CompletableFuture<String>().get(1, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("no timeout");
    }

    /** A real NoSuchFileException. */
    static IOException noSuchFile() {
        try {
            Files.readAllBytes(Path.of("/nonexistent-etl-recovery-dir/orders.csv"));
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("file exists");
    }

    /** A real FileNotFoundException. */
    static IOException fileNotFound() {
        try (FileInputStream in = new FileInputStream("/nonexistent-etl-recovery-dir/orders.csv")) {
            throw new AssertionError("opened " + in);
        } catch (IOException e) {
            return e;
        }
    }

    /** Runs {@code action} and returns what it threw. */
    static Throwable thrownBy(ThrowingRunnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("nothing thrown");
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
