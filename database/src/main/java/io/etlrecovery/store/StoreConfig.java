package io.etlrecovery.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach a store: a JDBC URL and credentials.
 *
 * <p>The default is an H2 file database at {@code ./etl-recovery-data/store} (files
 * {@code ./etl-recovery-data/store.mv.db}), user {@code sa}, empty password, shared by several processes
 * through H2's automatic mixed mode, whose server listens on the loopback interface only. A URL the user
 * gives is used as given, plus only the settings the store needs, each unless the URL sets it: for an H2 file URL,
 * {@code AUTO_SERVER}, {@code WRITE_DELAY=0} (each commit is written at once, so that it survives a killed process),
 * {@code MAX_COMPACT_TIME=0} (no compaction at close, which cost each command about 2 s) and
 * {@code QUERY_CACHE_SIZE=64}.
 *
 * @param url      the JDBC URL, e.g. {@code jdbc:h2:file:./etl-recovery-data/store} or
 *                 {@code jdbc:postgresql://localhost/etl}
 * @param user     the user name ({@code sa} by default)
 * @param password the password (empty by default); never printed
 */
public record StoreConfig(String url, String user, String password) {

    /** The default store location, relative to the working directory. */
    public static final Path DEFAULT_PATH = Path.of("etl-recovery-data", "store");

    public StoreConfig {
        Objects.requireNonNull(url, "url");
        user = user == null ? "sa" : user;
        password = password == null ? "" : password;
    }

    /** The embedded H2 store at {@code ./etl-recovery-data/store}. */
    public static StoreConfig defaults() {
        return ofH2File(DEFAULT_PATH);
    }

    /** An embedded H2 store at {@code path} (without the {@code .mv.db} suffix). */
    public static StoreConfig ofH2File(Path path) {
        return new StoreConfig("jdbc:h2:file:" + path.toAbsolutePath().normalize(), "sa", "");
    }

    /** A store at {@code url} with user {@code sa} and an empty password (H2's defaults). */
    public static StoreConfig of(String url) {
        return new StoreConfig(url, "sa", "");
    }

    @Override
    public String toString() {
        return "StoreConfig[url=" + JdbcUrls.redact(url) + ", user=" + user + "]";
    }
}
