package io.etlrecovery.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real processes on one store file, through H2's automatic mixed mode, served on loopback only. */
class SharedStoreProcessTest {

    @TempDir
    Path dir;

    /** Local addresses (hex, as the kernel lists them) of sockets listening on {@code port}; Linux only. */
    private static List<String> listeningAddresses(int port) throws Exception {
        List<String> found = new ArrayList<>();
        String hexPort = String.format("%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) continue;
            for (String row : Files.readAllLines(p)) {
                String[] f = row.trim().split("\\s+");
                if (f.length > 3 && f[1].endsWith(":" + hexPort) && f[3].equals("0A")) { // 0A = LISTEN
                    found.add(f[1].substring(0, f[1].indexOf(':')));
                }
            }
        }
        return found;
    }

    @Test
    void aSecondProcessUsesTheStoreWhileTheFirstHoldsItOpenThroughALoopbackOnlyServer() throws Exception {
        Path db = dir.resolve("store");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldStoreOpen.class.getName(), db.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            String line;
            while ((line = out.readLine()) != null && !line.equals("READY")) {
                // skip the child's logging until it holds the store
            }
            assertEquals("READY", line, "the child process did not open the store");

            // the child owns the file: its auto-server port is in the lock file; the socket must listen on loopback only
            Properties lock = new Properties();
            try (var in = Files.newInputStream(dir.resolve("store.lock.db"))) {
                lock.load(in);
            }
            String server = lock.getProperty("server");
            assertTrue(server != null && server.contains(":"), "auto-server address in the lock file: " + server);
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            List<String> listening = listeningAddresses(port);
            if (Files.isReadable(Path.of("/proc/net/tcp"))) {
                // 127.0.0.1, the same as an IPv4-mapped IPv6 address (::ffff:127.0.0.1), or ::1; never 0.0.0.0 or ::
                Set<String> loopback = Set.of("0100007F", "0000000000000000FFFF00000100007F",
                        "00000000000000000000000001000000");
                assertFalse(listening.isEmpty(), "no socket listens on port " + port);
                assertTrue(loopback.containsAll(listening), "the store's server must listen on loopback only: " + listening);
            }

            try (Store second = Store.open(StoreConfig.ofH2File(db))) {
                assertEquals(1, second.withSession(s -> s.runs().list("from-child", null, Instant.EPOCH, 10)).size(),
                        "this process reads what the child wrote");
                long id = second.inTransaction(s -> s.runs().create("from-parent", Instant.now(), "parent", 1, null, null, null));
                assertTrue(second.withSession(s -> s.runs().find(id)).isPresent(), "and writes through the child's server");
            }
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(30, TimeUnit.SECONDS)) child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
