package io.etlrecovery.cli;

import io.etlrecovery.health.ResourceProbe;
import io.etlrecovery.health.Resources;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;

/** A store in a temporary directory and the command line run against it, with a fake resource probe. */
final class CliFixture {

    static final long GIB = 1L << 30;

    /** Plenty of disk and memory. */
    static final ResourceProbe PLENTY = volume -> Resources.UNKNOWN.withDisk(100 * GIB, 200 * GIB)
            .withMemory(8 * GIB, 16 * GIB);

    final Path dir;
    ResourceProbe probe = PLENTY;
    Clock clock = Clock.systemUTC();
    /** The runner's clock, when not the system's. */
    Clock runnerClock;

    CliFixture(Path dir) {
        this.dir = dir;
    }

    String url() {
        return "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
    }

    /** Runs {@code etl-recovery --db <url> args...} with this fixture's probe and clock in the run commands. */
    CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--db", url()));
        all.addAll(List.of(args));
        Consumer<CommandLine> customizer = cl -> {
            CommandLine runLine = cl.getSubcommands().get("run"); // only the command the arguments name is built
            if (runLine != null) {
                RunCommand run = runLine.getCommand();
                run.probe = probe;
                run.clock = clock;
                if (runnerClock != null) run.runnerSettings = b -> b.clock(runnerClock);
            }
            CommandLine runsLine = cl.getSubcommands().get("runs");
            if (runsLine != null) {
                RunsResumeCommand resume = runsLine.getSubcommands().get("resume").getCommand();
                resume.probe = probe;
                resume.clock = clock;
                if (runnerClock != null) resume.runnerSettings = b -> b.clock(runnerClock);
            }
        };
        return CliRun.with(Map.of(), customizer, all.toArray(String[]::new));
    }

    long count(String sql) throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String string(String sql) throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** A plain connection to the store's database (the commands have created and migrated it). */
    private Connection connect() throws Exception {
        return DriverManager.getConnection(url(), "sa", "");
    }

    /** A clock that moves {@code step} forward each time it is read. */
    static final class TickingClock extends Clock {
        private final Duration step;
        private Instant now = Instant.now();

        TickingClock(Duration step) {
            this.step = step;
        }

        @Override
        public synchronized Instant instant() {
            now = now.plus(step);
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
