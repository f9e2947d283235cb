package io.etlrecovery.store;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The store: one database that records every run, checkpoint, failure, retry and quarantined record.
 *
 * <p>{@link #open(StoreConfig)} connects, migrates the schema (Flyway, {@code db/migration}) and keeps one
 * connection open for the store's life, besides up to four idle sessions it reuses between units of work. Several processes can use the same H2 file store at once: the first
 * opens the file and serves the others through H2's automatic mixed mode on a loopback-only port (never
 * reachable from other machines); no web console is started. A store is thread-safe; close it when done.
 *
 * <p>An H2 file store writes each commit to its file at once ({@code WRITE_DELAY=0} unless the URL sets it), so a
 * commit survives the process being killed right after it (not a power loss: the file is not synced).
 *
 * <p>Failures to open name the cause and what to do: {@link StoreException.Locked},
 * {@link StoreException.NotWritable}, {@link StoreException.SchemaTooNew}, {@link StoreException.InvalidUrl}.
 */
public final class Store implements AutoCloseable {

    static {
        // H2's automatic mixed mode starts a TCP server that allows other hosts; bind it to loopback unless the
        // user chose otherwise. Must be set before H2's SysProperties class is loaded.
        if (System.getProperty("h2.bindAddress") == null) System.setProperty("h2.bindAddress", "127.0.0.1");
    }

    /** The tables of the schema, in the order a person reads them. */
    public static final List<String> TABLES = List.of("PIPELINE_RUNS", "PIPELINE_LOCKS", "CHECKPOINTS",
            "ERROR_DETAILS", "RETRY_ATTEMPTS", "QUARANTINED_RECORDS", "CIRCUIT_BREAKER_STATES", "ERROR_PATTERNS",
            "ERROR_PATTERN_DAYS", "ERROR_BUDGET", "FAILURE_ANALYSIS", "RECOVERY_ACTIONS", "SYSTEM_HEALTH");

    private final StoreConfig config;
    private final String effectiveUrl;
    private final Jdbi jdbi;
    private final Connection keepAlive;
    private final MigrationVersion schemaVersion;
    /** Sessions at rest, most recently used first; guarded by itself, as is {@link #closed}. */
    private final java.util.ArrayDeque<Session> idle = new java.util.ArrayDeque<>();
    private boolean closed;
    /** The first session, being prepared in the background until someone takes it; guarded by {@link #idle}. */
    private Primer primer;
    /** Enough for a run's main thread, its heartbeat and a report reading at the same time. */
    private static final int MAX_IDLE_SESSIONS = 4;

    private Store(StoreConfig config, String effectiveUrl, Jdbi jdbi, Connection keepAlive, MigrationVersion version) {
        this.config = config;
        this.effectiveUrl = effectiveUrl;
        this.jdbi = jdbi;
        this.keepAlive = keepAlive;
        this.schemaVersion = version;
    }

    /** Opens (creating and migrating if needed) the default store at {@code ./etl-recovery-data/store}. */
    public static Store openDefault() {
        return open(StoreConfig.defaults());
    }

    /** Opens the store at {@code jdbcUrl} with user {@code sa} and an empty password. */
    public static Store open(String jdbcUrl) {
        return open(StoreConfig.of(jdbcUrl));
    }

    /** Opens the store, creating its directory and migrating its schema to this version if needed. */
    public static Store open(StoreConfig config) {
        String url = effectiveUrl(config.url());
        Optional<Path> file = JdbcUrls.h2FilePath(config.url());
        if (file.isPresent()) prepareDirectory(file.get(), config);
        Connection keepAlive;
        try {
            keepAlive = DriverManager.getConnection(url, config.user(), config.password());
        } catch (SQLException e) {
            throw translateOpenFailure(e, config, file.orElse(null));
        }
        Primer primer = null;
        try {
            DataSource ds = new SimpleDataSource(url, config.user(), config.password());
            Optional<String> applied = currentSchemaVersion(keepAlive);
            Jdbi jdbi = Jdbi.create(ds).installPlugin(new SqlObjectPlugin());
            primer = Primer.start(jdbi);
            MigrationVersion version = migrate(ds, keepAlive, config, applied);
            Store store = new Store(config, url, jdbi, keepAlive, version);
            store.primer = primer;
            return store;
        } catch (RuntimeException e) {
            if (primer != null) primer.discard();
            closeQuietly(keepAlive);
            throw e;
        }
    }

    /**
     * The store's first session, opened and made ready on a daemon thread while the schema is checked or migrated:
     * attaching the repositories and running a first statement cost a new process about as much as a migration's
     * own work, and the two overlap on a second core. The first caller to need a session waits for it.
     */
    private static final class Primer {
        private final java.util.concurrent.FutureTask<Session> task;

        private Primer(Jdbi jdbi) {
            task = new java.util.concurrent.FutureTask<>(() -> {
                Session s = new Session(jdbi.open());
                try {
                    s.runs();
                    s.locks();
                    s.checkpoints();
                    s.errors();
                    s.quarantine();
                    s.breakers();
                    s.patterns();
                    s.actions();
                    s.health();
                    s.handle.createQuery("SELECT CAST(:n AS INTEGER)").bind("n", 1).mapTo(Integer.class).one();
                    return s;
                } catch (RuntimeException e) {
                    closeQuietly(s.handle);
                    throw e;
                }
            });
        }

        static Primer start(Jdbi jdbi) {
            Primer p = new Primer(jdbi);
            Thread t = new Thread(p.task, "etl-store-primer");
            t.setDaemon(true);
            t.start();
            return p;
        }

        /**
         * The primed session, or null if priming failed (the caller then opens one and sees the cause itself). Waits
         * for the primer even when interrupted (its work is short), so that its connection never goes unclosed; the
         * interrupt is kept for the caller.
         */
        Session take() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return task.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        return null;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
        }

        /** Waits for the primer and closes its session, so that a closed store leaves none of its connections open. */
        void discard() {
            Session s = take();
            if (s != null) closeQuietly(s.handle);
        }
    }

    private static String effectiveUrl(String url) {
        if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new StoreException.InvalidUrl("Invalid store URL '" + JdbcUrls.redact(url)
                    + "': a JDBC URL starts with 'jdbc:', e.g. jdbc:h2:file:./etl-recovery-data/store or "
                    + "jdbc:postgresql://localhost:5432/etl. Fix the --db option.", null);
        }
        if (JdbcUrls.h2FilePath(url).isPresent()) {
            String u = JdbcUrls.hasSetting(url, "AUTO_SERVER") ? url : url + ";AUTO_SERVER=TRUE";
            // H2 writes commits to its file in the background (after up to 500 ms by default), so a process killed
            // right after a commit loses it: a batch reported committed would be gone. Write each commit at once.
            // No compaction when the last connection closes: it cost each command about 2 s. Space is still
            // reclaimed while the store is in use. (Commits lost to a kill right after a process started were H2
            // 2.5.252's file-header bug, not compaction: see the pom.)
            u = JdbcUrls.hasSetting(u, "MAX_COMPACT_TIME") ? u : u + ";MAX_COMPACT_TIME=0";
            // A run's batch uses a dozen statements; H2 keeps 8 parsed per session by default and re-parsed them all
            u = JdbcUrls.hasSetting(u, "QUERY_CACHE_SIZE") ? u : u + ";QUERY_CACHE_SIZE=64";
            return JdbcUrls.hasSetting(u, "WRITE_DELAY") ? u : u + ";WRITE_DELAY=0";
        }
        return url;
    }

    private static void prepareDirectory(Path dbPath, StoreConfig config) {
        Path dir = dbPath.toAbsolutePath().getParent();
        try {
            if (dir != null) Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new StoreException.NotWritable("Cannot create the store directory " + dir + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "). Choose a writable location with "
                    + "--db jdbc:h2:file:/some/writable/dir/store, or fix the directory's permissions.", e);
        }
        Path dataFile = Path.of(dbPath.toAbsolutePath() + ".mv.db");
        if (dir != null && !Files.isWritable(dir)) {
            if (Files.exists(dataFile)) {
                throw new StoreException.NotWritable("The store file " + dataFile + " is read-only: its directory "
                        + dir + " cannot be written (a read-only file system or missing permissions). Remount it "
                        + "read-write or fix the permissions, or copy the store to a writable location and point "
                        + "--db there.", null);
            }
            throw new StoreException.NotWritable("The store directory " + dir + " is not writable. Choose a "
                    + "writable location with --db jdbc:h2:file:/some/writable/dir/store, or fix its permissions.", null);
        }
        if (Files.exists(dataFile) && !Files.isWritable(dataFile)) {
            throw new StoreException.NotWritable("The store file " + dataFile + " is read-only. Make it writable "
                    + "(chmod u+w), or copy it to a writable location and point --db there.", null);
        }
    }

    private static StoreException translateOpenFailure(SQLException e, StoreConfig config, Path file) {
        String url = JdbcUrls.redact(config.url());
        String msg = String.valueOf(e.getMessage());
        int code = e.getErrorCode();
        if (code == 90020 || msg.contains("already in use") || msg.contains("Locked by another process")) {
            return new StoreException.Locked("The store " + url + " is locked by another process that does not "
                    + "share it (for example an H2 tool opened it in embedded mode). Close that program, or open "
                    + "the store with AUTO_SERVER=TRUE in it too, then try again.", e);
        }
        if (code == 90046 || code == 90011 || "08001".equals(e.getSQLState()) && msg.contains("No suitable driver")) {
            return new StoreException.InvalidUrl("Invalid store URL '" + url + "': " + firstLine(msg) + ". Use "
                    + "e.g. jdbc:h2:file:/path/to/store or jdbc:postgresql://host:5432/db.", e);
        }
        if (file != null && (code == 90062 || code == 90028 || code == 90061 || msg.contains("AccessDenied")
                || msg.contains("Read-only") || msg.contains("read only") || msg.contains("ReadOnly"))) {
            return new StoreException.NotWritable("Cannot write the store at " + file + ": " + firstLine(msg)
                    + ". Check that the directory exists, is writable and the disk is not full, or choose "
                    + "another location with --db.", e);
        }
        if (code == 28000 || "28000".equals(e.getSQLState()) || "28P01".equals(e.getSQLState())) {
            return new StoreException("The store " + url + " refused the user name or password: "
                    + firstLine(msg) + ". Check the credentials given with the store URL.", e);
        }
        return new StoreException.Unavailable("Cannot open the store " + url + ": " + firstLine(msg)
                + ". Check that the database is reachable and the URL is right.", e);
    }

    /** The newest migration this build ships ({@code V4__...}); a test keeps it equal to the newest file. */
    static final String SCHEMA_VERSION = "4";

    /**
     * The values of the migrations' placeholders for the database {@code c} is connected to: {@code identityCache}
     * (V4), the identity cache of the tables written in every batch, 1 on PostgreSQL, whose cache is per session, and
     * 1000 elsewhere. Flyway needs them to migrate only: a checksum is that of the file, as written.
     */
    private static Map<String, String> migrationPlaceholders(Connection c) throws SQLException {
        boolean postgres = "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
        return Map.of("identityCache", postgres ? "1" : "1000");
    }

    private static MigrationVersion migrate(DataSource ds, Connection probe, StoreConfig config, Optional<String> applied) {
        // A store already at this build's version needs no Flyway: skipping it saves a second per command
        if (applied.filter(SCHEMA_VERSION::equals).isPresent()) {
            return MigrationVersion.fromVersion(SCHEMA_VERSION);
        }
        Map<String, String> placeholders;
        try {
            placeholders = migrationPlaceholders(probe);
        } catch (SQLException e) {
            throw translateOpenFailure(e, config, JdbcUrls.h2FilePath(config.url()).orElse(null));
        }
        Flyway flyway = Flyway.configure(Store.class.getClassLoader())
                .dataSource(ds)
                .locations("classpath:db/migration")
                .placeholders(placeholders)
                .loggers("slf4j")
                .load();
        if (applied.isEmpty() && !hasHistoryTable(probe)) {
            // a new store: no applied migration can be newer than this build's or have failed, so no info() scan
            return applyMigrations(flyway, config, null);
        }
        org.flywaydb.core.api.MigrationInfoService info = flyway.info(); // one scan and one query, reused below
        MigrationVersion latestKnown = MigrationVersion.EMPTY;
        for (MigrationInfo m : info.all()) {
            if (m.getType() != null && !m.getState().name().contains("FUTURE") && m.getVersion() != null
                    && m.getVersion().isNewerThan(latestKnown.getVersion() == null ? "0" : latestKnown.getVersion())) {
                latestKnown = m.getVersion();
            }
        }
        MigrationInfo current = info.current();
        if (current != null && current.getVersion() != null && current.getState().isFailed()) {
            throw new StoreException("The store " + JdbcUrls.redact(config.url()) + " has a failed schema migration ("
                    + current.getVersion() + "). Restore it from a backup or repair it with 'db verify'.");
        }
        for (MigrationInfo m : info.applied()) {
            if (m.getState().name().contains("FUTURE")) {
                throw new StoreException.SchemaTooNew("The store " + JdbcUrls.redact(config.url())
                        + " has schema version " + m.getVersion() + ", which is newer than this etl-recovery "
                        + "understands (" + latestKnown + "). Upgrade etl-recovery to the version that wrote it, "
                        + "or point --db at another store.");
            }
        }
        return applyMigrations(flyway, config, current);
    }

    private static MigrationVersion applyMigrations(Flyway flyway, StoreConfig config, MigrationInfo current) {
        org.flywaydb.core.api.output.MigrateResult result;
        try {
            result = flyway.migrate();
        } catch (FlywayException e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            if (root instanceof SQLException sql) throw translateOpenFailure(sql, config,
                    JdbcUrls.h2FilePath(config.url()).orElse(null));
            throw new StoreException("Cannot migrate the store " + JdbcUrls.redact(config.url()) + ": "
                    + firstLine(e.getMessage()), e);
        }
        String reached = result.targetSchemaVersion != null ? result.targetSchemaVersion
                : current != null && current.getVersion() != null ? current.getVersion().getVersion() : null;
        return reached == null ? MigrationVersion.EMPTY : MigrationVersion.fromVersion(reached);
    }

    /**
     * Runs {@code work} in one transaction: everything it writes through the session commits together when
     * it returns, or is rolled back when it throws (the exception is rethrown as it is).
     */
    public <R, X extends Exception> R inTransaction(StoreWork<R, X> work) throws X {
        R result;
        Session session = borrow();
        boolean reusable = false;
        try {
            result = session.handle.inTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> work.apply(session));
            reusable = true;
        } catch (JdbiException e) {
            throw translateRuntimeFailure(e);
        } finally {
            giveBack(session, reusable);
        }
        return result;
    }

    /** Runs {@code work} in one transaction, returning nothing; see {@link #inTransaction}. */
    public <X extends Exception> void useTransaction(StoreVoidWork<X> work) throws X {
        inTransaction(s -> {
            work.accept(s);
            return null;
        });
    }

    /** Runs {@code work} on a connection in auto-commit mode: for reads and single writes. */
    public <R, X extends Exception> R withSession(StoreWork<R, X> work) throws X {
        Session session = borrow();
        boolean reusable = false;
        try {
            R result = work.apply(session);
            reusable = true;
            return result;
        } catch (JdbiException e) {
            throw translateRuntimeFailure(e);
        } finally {
            giveBack(session, reusable);
        }
    }

    /**
     * An idle session, or a new one. Sessions are reused because opening a connection and attaching the repositories
     * cost more than a batch's bookkeeping, and a reused H2 session keeps its parsed statements.
     */
    private Session borrow() {
        Primer p;
        synchronized (idle) {
            Session s = idle.pollFirst();
            if (s != null) return s;
            p = primer;
            primer = null;
        }
        if (p != null) {
            Session primed = p.take();
            if (primed != null) return primed;
        }
        try {
            return new Session(jdbi.open());
        } catch (JdbiException e) {
            throw translateRuntimeFailure(e);
        }
    }

    /** Keeps {@code s} for the next caller if its work ended normally and left it as it was handed out. */
    private void giveBack(Session s, boolean workSucceeded) {
        boolean keep = false;
        if (workSucceeded) {
            try {
                Connection c = s.handle.getConnection();
                keep = !c.isClosed() && c.getAutoCommit();
            } catch (SQLException e) {
                keep = false;
            }
        }
        if (keep) {
            synchronized (idle) {
                if (!closed && idle.size() < MAX_IDLE_SESSIONS) {
                    idle.addFirst(s);
                    return;
                }
            }
        }
        closeQuietly(s.handle);
    }

    /**
     * Whether the store has Flyway's history table (under any schema, in any case: a cheap metadata lookup), asked
     * on the connection the store already holds.
     */
    private static boolean hasHistoryTable(Connection c) {
        try {
            var md = c.getMetaData();
            for (String name : List.of("flyway_schema_history", "FLYWAY_SCHEMA_HISTORY")) {
                try (ResultSet rs = md.getTables(null, null, name, new String[] {"TABLE"})) {
                    if (rs.next()) return true;
                }
            }
            return false;
        } catch (SQLException e) {
            return true; // cannot tell: let Flyway look
        }
    }

    /** The version of the newest successful migration recorded in the store, if it has Flyway's history table. */
    private static Optional<String> currentSchemaVersion(Connection c) {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE "
                     + "AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC FETCH FIRST 1 ROWS ONLY")) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty(); // no history table yet, or not readable: Flyway decides
        }
    }

    /**
     * A failure of the store's database during work, as a {@link StoreException} naming the cause and what to do:
     * a full disk, a database that became unreachable (a broken connection, a closed database), or anything else.
     */
    private RuntimeException translateRuntimeFailure(JdbiException e) {
        String url = JdbcUrls.redact(config.url());
        SQLException sql = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (sql == null && t instanceof SQLException s) sql = s;
            String m = t.getMessage();
            if (m != null && DISK_FULL.matcher(m).find()) {
                String where = directory().map(d -> "the volume holding " + d).orElse("the database server's disk");
                return new StoreException("The store " + url + " cannot write: its disk is full (" + firstLine(m)
                        + "). The current batch was rolled back. Free space on " + where + ", then run the same "
                        + "command again to resume.", e);
            }
        }
        String state = sql == null ? null : sql.getSQLState();
        int code = sql == null ? 0 : sql.getErrorCode();
        String detail = firstLine(sql != null ? sql.getMessage() : e.getMessage());
        // 90067 connection broken, 90098 database closed (e.g. after a write failure), 90121 closed at shutdown
        if (state != null && state.startsWith("08") || code == 90067 || code == 90098 || code == 90121) {
            return new StoreException.Unavailable("The store " + url + " became unreachable: " + detail
                    + ". The current batch was rolled back; once the database is back, run the same command again "
                    + "to resume.", e);
        }
        return new StoreException("The store " + url + " failed: " + detail + ". The current batch was rolled "
                + "back; fix the cause (check the store with 'etl-recovery db verify'), then run the same command "
                + "again to resume.", e);
    }

    private static final java.util.regex.Pattern DISK_FULL = java.util.regex.Pattern.compile(
            "(?i)no space left on device|disk full|not enough space on the disk|there is not enough space");

    /** A new JDBC connection to the store (auto-commit), for tools that need one; the caller closes it. */
    public Connection openConnection() throws SQLException {
        return DriverManager.getConnection(effectiveUrl, config.user(), config.password());
    }

    /** The configuration the store was opened with. */
    public StoreConfig config() {
        return config;
    }

    /** The JDBC URL with any password redacted: safe to print. */
    public String describe() {
        return JdbcUrls.redact(config.url());
    }

    /** The schema version the store is at, e.g. {@code "1"}. */
    public String schemaVersion() {
        return schemaVersion == null || schemaVersion.getVersion() == null ? "0" : schemaVersion.getVersion();
    }

    private <R, X extends Exception> R withSessionChecked(StoreWork<R, X> work) throws X {
        return withSession(work);
    }

    /** Row counts of every table, in {@link #TABLES} order. */
    public Map<String, Long> tableCounts() {
        try {
            return tableCountsChecked();
        } catch (SQLException e) {
            throw new StoreException("Cannot count the store's rows: " + firstLine(e.getMessage()), e);
        }
    }

    private Map<String, Long> tableCountsChecked() throws SQLException {
        return this.<Map<String, Long>, SQLException>withSessionChecked(s -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : TABLES) {
                try (var st = s.connection().createStatement();
                     var rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            return counts;
        });
    }

    /** Whether the store answers a trivial query now. */
    public boolean isReachable() {
        try {
            return this.<Boolean, SQLException>withSessionChecked(s -> {
                try (var st = s.connection().createStatement(); var rs = st.executeQuery("SELECT 1")) {
                    return rs.next();
                }
            });
        } catch (RuntimeException | SQLException e) {
            return false;
        }
    }

    /** For an embedded H2 file store, the file's directory (to watch its free space); empty otherwise. */
    public Optional<Path> directory() {
        return JdbcUrls.h2FilePath(config.url()).map(p -> p.toAbsolutePath().getParent());
    }

    @Override
    public void close() {
        List<Session> sessions;
        Primer p;
        synchronized (idle) {
            closed = true;
            sessions = List.copyOf(idle);
            idle.clear();
            p = primer;
            primer = null;
        }
        if (p != null) p.discard();
        for (Session s : sessions) closeQuietly(s.handle);
        closeQuietly(keepAlive);
    }

    private static void closeQuietly(Handle h) {
        try {
            h.close();
        } catch (RuntimeException ignored) {
            // a broken connection has nothing left to tell
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a broken connection has nothing left to tell
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        line = line.replaceAll(" \\[[0-9-]+-[0-9]+\\]$", "");
        line = line.replaceAll(";?\\s*SQL statement:$", "");
        return JdbcUrls.redact(line.strip());
    }

    /** Work done in a session that returns a value. */
    @FunctionalInterface
    public interface StoreWork<R, X extends Exception> {
        R apply(StoreSession session) throws X;
    }

    /** Work done in a session that returns nothing. */
    @FunctionalInterface
    public interface StoreVoidWork<X extends Exception> {
        void accept(StoreSession session) throws X;
    }

    private static final class Session implements StoreSession {
        private final Handle handle;
        private RunRepository runs;
        private LockRepository locks;
        private CheckpointRepository checkpoints;
        private ErrorRepository errors;
        private QuarantineRepository quarantine;
        private BreakerRepository breakers;
        private PatternRepository patterns;
        private ActionRepository actions;
        private HealthRepository health;

        Session(Handle handle) {
            this.handle = handle;
        }

        @Override public Connection connection() { return handle.getConnection(); }
        @Override public RunRepository runs() { return runs != null ? runs : (runs = attach(RunRepository.class)); }
        @Override public LockRepository locks() { return locks != null ? locks : (locks = attach(LockRepository.class)); }
        @Override public CheckpointRepository checkpoints() {
            return checkpoints != null ? checkpoints : (checkpoints = attach(CheckpointRepository.class));
        }
        @Override public ErrorRepository errors() { return errors != null ? errors : (errors = attach(ErrorRepository.class)); }
        @Override public QuarantineRepository quarantine() {
            return quarantine != null ? quarantine : (quarantine = attach(QuarantineRepository.class));
        }
        @Override public BreakerRepository breakers() {
            return breakers != null ? breakers : (breakers = attach(BreakerRepository.class));
        }
        @Override public PatternRepository patterns() {
            return patterns != null ? patterns : (patterns = attach(PatternRepository.class));
        }
        @Override public ActionRepository actions() { return actions != null ? actions : (actions = attach(ActionRepository.class)); }
        @Override public HealthRepository health() { return health != null ? health : (health = attach(HealthRepository.class)); }
        @Override public <T> T attach(Class<T> type) { return handle.attach(type); }
    }

    /** A DataSource over DriverManager: the store keeps one connection open, so H2 stays open between uses. */
    private record SimpleDataSource(String url, String user, String password) implements DataSource {
        @Override public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
        @Override public Connection getConnection(String u, String p) throws SQLException {
            return DriverManager.getConnection(url, u, p);
        }
        @Override public PrintWriter getLogWriter() { return null; }
        @Override public void setLogWriter(PrintWriter out) { }
        @Override public void setLoginTimeout(int seconds) { }
        @Override public int getLoginTimeout() { return 0; }
        @Override public Logger getParentLogger() { return Logger.getGlobal(); }
        @Override public <T> T unwrap(Class<T> iface) throws SQLException { throw new SQLException("not a wrapper"); }
        @Override public boolean isWrapperFor(Class<?> iface) { return false; }
        @Override public String toString() { return "SimpleDataSource[" + JdbcUrls.redact(url) + "]"; }
    }
}
