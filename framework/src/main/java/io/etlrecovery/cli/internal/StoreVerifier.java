package io.etlrecovery.cli.internal;

import io.etlrecovery.store.JdbcUrls;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Checks a store without changing it: unlike {@link Store#open}, it never creates a store, creates tables or
 * migrates. Checks, in order (a failed check stops the ones that need it):
 * <ol>
 *   <li>{@code exists}: for an embedded H2 file store, that its {@code .mv.db} file exists;</li>
 *   <li>{@code reachable}: that a connection opens and answers {@code SELECT 1};</li>
 *   <li>{@code schema}: that the applied schema version equals the latest migration this code has (not older:
 *       run {@code db migrate}; not newer: a newer etl-recovery wrote it) and no migration failed;</li>
 *   <li>{@code migrations}: that the applied migrations' checksums match this code's migration files;</li>
 *   <li>{@code tables}: that every table of {@link Store#TABLES} exists.</li>
 * </ol>
 * Messages are redacted; an H2 file store is opened the way {@link Store} opens it ({@code AUTO_SERVER}, so a
 * running pipeline keeps working) plus {@code IFEXISTS=TRUE}.
 */
public final class StoreVerifier {

    /**
     * One check's result.
     *
     * @param name   what was checked, e.g. {@code schema}
     * @param ok     whether it passed
     * @param detail what was found, or what is wrong and what to do
     */
    public record Check(String name, boolean ok, String detail) {
    }

    private static final String MIGRATIONS = "classpath:db/migration";

    private StoreVerifier() {
    }

    /** Runs the checks against the store {@code config} names. */
    public static List<Check> verify(StoreConfig config) {
        List<Check> checks = new ArrayList<>();
        String url = config.url();
        String shown = JdbcUrls.redact(url);
        if (!url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            checks.add(new Check("reachable", false, "'" + shown + "' is not a JDBC URL (it starts with 'jdbc:', "
                    + "e.g. jdbc:h2:file:./etl-recovery-data/store). Fix the --db option."));
            return checks;
        }
        Optional<Path> h2File = JdbcUrls.h2FilePath(url);
        if (h2File.isPresent()) {
            Path dataFile = Path.of(h2File.get().toAbsolutePath() + ".mv.db");
            if (!Files.exists(dataFile)) {
                checks.add(new Check("exists", false, "there is no store at " + dataFile
                        + ". Create it with 'etl-recovery db migrate', or point --db at an existing store."));
                return checks;
            }
            checks.add(new Check("exists", true, dataFile.toString()));
        }
        String effective = h2File.isPresent() ? withSetting(withSetting(url, "AUTO_SERVER", "TRUE"), "IFEXISTS", "TRUE")
                : url;
        try (Connection c = DriverManager.getConnection(effective, config.user(), config.password());
             var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
            checks.add(new Check("reachable", true, shown));
            checkSchema(effective, config, checks);
            checkTables(c, checks);
        } catch (SQLException e) {
            checks.add(new Check("reachable", false, "cannot connect to " + shown + ": " + firstLine(e.getMessage())));
        }
        return checks;
    }

    private static void checkSchema(String url, StoreConfig config, List<Check> checks) {
        Flyway flyway = Flyway.configure(Store.class.getClassLoader())
                .dataSource(url, config.user(), config.password())
                .locations(MIGRATIONS)
                .loggers("slf4j")
                .ignoreMigrationPatterns("*:pending", "*:future")
                .load();
        try {
            MigrationInfoService info = flyway.info();
            MigrationVersion latest = null;
            for (MigrationInfo m : info.all()) {
                if (m.getVersion() != null && m.getState().isResolved()
                        && (latest == null || m.getVersion().isNewerThan(latest.getVersion()))) {
                    latest = m.getVersion();
                }
            }
            String expected = latest == null ? "none" : latest.getVersion();
            String failed = null;
            String future = null;
            for (MigrationInfo m : info.applied()) {
                if (m.getState().isFailed()) failed = String.valueOf(m.getVersion());
                if (m.getState().name().startsWith("FUTURE")) future = String.valueOf(m.getVersion());
            }
            MigrationInfo current = info.current();
            String applied = current == null || current.getVersion() == null ? "none" : current.getVersion().getVersion();
            if (failed != null) {
                checks.add(new Check("schema", false, "migration " + failed + " failed part-way; restore the store "
                        + "from a backup"));
            } else if (future != null) {
                checks.add(new Check("schema", false, "schema version " + applied + " is newer than this "
                        + "etl-recovery understands (" + expected + "); upgrade etl-recovery"));
            } else if (!applied.equals(expected)) {
                checks.add(new Check("schema", false, "schema version " + applied + ", this etl-recovery expects "
                        + expected + "; run 'etl-recovery db migrate'"));
            } else {
                checks.add(new Check("schema", true, "version " + applied + " (latest)"));
            }
            if (current != null) {
                ValidateResult result = flyway.validateWithResult();
                if (result.validationSuccessful) {
                    checks.add(new Check("migrations", true, "applied migrations match this etl-recovery's"));
                } else {
                    List<String> problems = new ArrayList<>();
                    for (ValidateOutput o : result.invalidMigrations) {
                        problems.add(o.version + " (" + o.description + "): "
                                + (o.errorDetails == null ? "invalid" : firstLine(o.errorDetails.errorMessage)));
                    }
                    if (problems.isEmpty() && result.errorDetails != null) {
                        problems.add(firstLine(result.errorDetails.errorMessage));
                    }
                    checks.add(new Check("migrations", false, "applied migrations differ from this etl-recovery's: "
                            + String.join("; ", problems)));
                }
            }
        } catch (FlywayException e) {
            checks.add(new Check("schema", false, "cannot read the schema history: " + firstLine(e.getMessage())));
        }
    }

    private static void checkTables(Connection c, List<Check> checks) throws SQLException {
        Set<String> present = new TreeSet<>();
        // only the connection's own schema: on PostgreSQL other schemas may hold tables of the same names
        String schema = c.getSchema();
        String escape = c.getMetaData().getSearchStringEscape();
        if (schema != null && escape != null && !escape.isEmpty()) {
            schema = schema.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
        }
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) present.add(rs.getString("TABLE_NAME").toUpperCase(Locale.ROOT));
        }
        List<String> missing = new ArrayList<>();
        for (String table : Store.TABLES) {
            if (!present.contains(table)) missing.add(table);
        }
        if (missing.isEmpty()) {
            checks.add(new Check("tables", true, "all " + Store.TABLES.size() + " present"));
        } else {
            checks.add(new Check("tables", false, missing.size() + " of " + Store.TABLES.size() + " missing: "
                    + String.join(", ", missing)));
        }
    }

    private static String withSetting(String url, String setting, String value) {
        if (Pattern.compile("(?i);\\s*" + Pattern.quote(setting) + "\\s*=").matcher(url).find()) return url;
        return url + ";" + setting + "=" + value;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        String line = s.strip();
        int nl = line.indexOf('\n');
        if (nl >= 0) line = line.substring(0, nl).strip();
        return JdbcUrls.redact(line.replaceAll(" \\[[0-9-]+-[0-9]+\\]$", ""));
    }
}
