package io.etlrecovery.cli;

import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command {@code etl-recovery}: the global options, and the one list of commands.
 *
 * <p>Global options come before the command: {@code --db <jdbc-url>} (default: the embedded H2 store
 * {@code ./etl-recovery-data/store}), {@code --db-user} (default {@code sa}), {@code --db-password} (default: the
 * environment variable {@code ETL_RECOVERY_DB_PASSWORD}, else empty) and {@code --debug}. {@code --help} and
 * {@code --version} work on every command (inherited). Commands reach the options and the store through
 * {@link #of(CommandSpec)}.
 */
@Command(name = "etl-recovery",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = EtlRecoveryCommand.VersionProvider.class,
        usageHelpAutoWidth = true,
        description = "Runs batch ETL pipelines that survive failure, and inspects what they recorded in the store.")
final class EtlRecoveryCommand implements Callable<Integer> {

    /**
     * The one place where commands are registered, in the order help lists them; add new ones here. They are added
     * by {@link #commandLine(EtlRecoveryCommand, String...)}.
     */
    static final List<Class<?>> COMMANDS = List.of(DbCommand.class, RunCommand.class, RunsCommand.class,
            PipelinesCommand.class, QuarantineCommand.class, GenerateCommand.class, DemoCommand.class,
            BudgetCommand.class, PatternsCommand.class, FailuresCommand.class, HealthCommand.class, ReportCommand.class,
            PurgeCommand.class);

    /** The global options that take a value (the value follows as the next argument, or after '='). */
    private static final Set<String> OPTIONS_WITH_VALUE = globalOptions(false);
    private static final Set<String> FLAGS = globalOptions(true);

    /** The environment variable read for the store's password. */
    static final String PASSWORD_ENV = "ETL_RECOVERY_DB_PASSWORD";

    @Option(names = "--db", paramLabel = "<jdbc-url>",
            description = {"The store's JDBC URL, e.g. jdbc:h2:file:/var/lib/etl/store or "
                    + "jdbc:postgresql://host:5432/etl.",
                "Default: the embedded H2 store in ./etl-recovery-data/"})
    String db;

    @Option(names = "--db-user", paramLabel = "<user>", defaultValue = "sa",
            description = "The store's user name (default: ${DEFAULT-VALUE}).")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "<password>",
            description = "The store's password (default: $" + PASSWORD_ENV + ", else empty). Prefer the "
                    + "environment variable: other users of the machine can see command lines.")
    String dbPassword;

    @Option(names = "--debug", description = "On an error, print its stack trace too.")
    boolean debug;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    EtlRecoveryCommand(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /**
     * A command line for {@code root}, with the exit codes (from {@link ExitCode}) and the environment in the
     * root's help (set here rather than in the annotation, which subcommands would inherit).
     */
    static CommandLine commandLine(EtlRecoveryCommand root, String... args) {
        CommandLine cl = new CommandLine(root);
        String named = commandNamed(args);
        // the demo runs the other commands through this command line, so it gets them all
        boolean all = named == null || names(DemoCommand.class).contains(named);
        for (Class<?> command : COMMANDS) {
            if (all || names(command).contains(named)) cl.addSubcommand(command);
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode c : ExitCode.values()) codes.put(String.valueOf(c.code()), c.description());
        cl.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(codes)
                .footerHeading("%nEnvironment:%n")
                .footer("  " + PASSWORD_ENV + "  the store's password when --db-password is not given",
                        "", "Run 'etl-recovery <command> --help' for the options of a command.");
        return cl;
    }

    /**
     * The command {@code args} name, when they name one of {@link #COMMANDS} after the global options: then only that
     * command is built (picocli builds each command's model from its annotations, about 0.2 s for all of them, on
     * every start). Null when they name none, so that help, a missing or an unknown command see them all.
     */
    static String commandNamed(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (OPTIONS_WITH_VALUE.contains(a)) {
                i++; // its value
            } else if (a.indexOf('=') > 0 && OPTIONS_WITH_VALUE.contains(a.substring(0, a.indexOf('=')))) {
                continue;
            } else if (FLAGS.contains(a)) {
                continue;
            } else {
                for (Class<?> command : COMMANDS) if (names(command).contains(a)) return a;
                return null;
            }
        }
        return null;
    }

    /** The names of this class's own options: its flags (boolean fields), or those that take a value. */
    private static Set<String> globalOptions(boolean flags) {
        Set<String> names = new java.util.HashSet<>();
        for (java.lang.reflect.Field f : EtlRecoveryCommand.class.getDeclaredFields()) {
            Option o = f.getAnnotation(Option.class);
            if (o != null && (f.getType() == boolean.class) == flags) names.addAll(List.of(o.names()));
        }
        return Set.copyOf(names);
    }

    private static List<String> names(Class<?> command) {
        Command c = command.getAnnotation(Command.class);
        List<String> names = new ArrayList<>(List.of(c.aliases()));
        names.add(c.name());
        return names;
    }

    /** The root command of the command line {@code spec} belongs to. */
    static EtlRecoveryCommand of(CommandSpec spec) {
        return (EtlRecoveryCommand) spec.root().userObject();
    }

    /** A usage error naming the subcommands of the command {@code spec} (for commands that only group others). */
    static ParameterException missingSubcommand(CommandSpec spec) {
        return new ParameterException(spec.commandLine(), "Missing a command after '" + spec.qualifiedName()
                + "': one of " + String.join(", ", spec.subcommands().keySet()));
    }

    @Override
    public Integer call() {
        throw missingSubcommand(spec);
    }

    /** The store the global options name. */
    StoreConfig storeConfig() {
        String url = db != null ? db : StoreConfig.defaults().url();
        String password = dbPassword != null ? dbPassword : env.getOrDefault(PASSWORD_ENV, "");
        return new StoreConfig(url, dbUser, password);
    }

    /** Opens (creating and migrating if needed) the store the global options name; the caller closes it. */
    Store openStore() {
        return Store.open(storeConfig());
    }

    /** Whether {@code --debug} was given. */
    boolean debug() {
        return debug;
    }

    /** Where commands print their results. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where commands print problems. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** {@code --version}: this build's version, and the Java and OS it runs on. */
    static final class VersionProvider implements IVersionProvider {
        private static final String POM_PROPERTIES =
                "/META-INF/maven/io.etlrecovery/etl-recovery-framework/pom.properties";

        @Override
        public String[] getVersion() {
            return new String[] {
                "etl-recovery " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
            };
        }

        static String version() {
            String v = EtlRecoveryCommand.class.getPackage().getImplementationVersion();
            if (v != null) return v;
            try (InputStream in = EtlRecoveryCommand.class.getResourceAsStream(POM_PROPERTIES)) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    v = p.getProperty("version");
                }
            } catch (IOException e) {
                v = null;
            }
            return v != null ? v : "(development build)";
        }
    }
}
