package io.etlrecovery.bench;

import io.etlrecovery.workload.GenerationResult;
import io.etlrecovery.workload.OrdersGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's benchmark: {@code orders-import} through the real command line against {@link RawJdbcBaseline},
 * each side a whole process (JVM start included, as a user experiences {@code run}) on a fresh H2 file database,
 * the two alternated, medians compared. Checks that both sides loaded and set aside the counts the generator
 * expects. Not a test.
 *
 * <pre>
 * mvn -B -q package -DskipTests
 * java -cp sample-pipelines/target/etl-recovery.jar:sample-pipelines/target/test-classes \
 *      io.etlrecovery.bench.OrdersBenchmark [--rows 1000000] [--bad-rate 0.01] [--runs 3] [--xmx 256m] [--work DIR]
 *      [--jvm -XX:TieredStopAtLevel=1 ...]
 * </pre>
 * {@code --jvm} (repeatable) passes a JVM option to both sides alike: a what-if, never the headline figure.
 */
public final class OrdersBenchmark {

    private static final Pattern MEASURED = Pattern.compile("measured peak_rss_kb=(-?\\d+) heap_peak_kb=(\\d+)");
    private static final Pattern BASELINE = Pattern.compile("records=(\\d+) loaded=(\\d+) skipped=(\\d+)");

    private record Sample(String side, int round, long wallMs, long peakRssKb, long heapPeakKb, long loaded, long setAside) {
    }

    private OrdersBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(option(args, "--rows", "1000000"));
        double badRate = Double.parseDouble(option(args, "--bad-rate", "0.01"));
        int runs = Integer.parseInt(option(args, "--runs", "3"));
        String xmx = option(args, "--xmx", null);
        List<String> jvm = new ArrayList<>();
        if (xmx != null) jvm.add("-Xmx" + xmx);
        for (int i = 0; i < args.length - 1; i++) if (args[i].equals("--jvm")) jvm.add(args[i + 1]);
        Path work = Path.of(option(args, "--work", System.getProperty("java.io.tmpdir") + "/etl-recovery-bench"));
        Files.createDirectories(work);

        Path input = work.resolve("orders-" + rows + ".csv");
        GenerationResult expected = OrdersGenerator.builder().rows(rows).badRate(badRate).seed(42).build().generate(input);
        System.out.printf(Locale.ROOT, "orders-import vs raw JDBC: %,d rows (%,d bad), %d runs per side, alternated%s%n",
                rows, expected.bad(), runs, jvm.isEmpty() ? "" : ", both JVMs with " + String.join(" ", jvm));
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-5s %-10s %9s %12s %12s %13s %10s %10s%n", "round", "side", "wall_s", "records/s",
                "peak_rss_mb", "heap_peak_mb", "loaded", "set_aside");

        List<Sample> samples = new ArrayList<>();
        for (int round = 1; round <= runs; round++) {
            boolean frameworkFirst = round % 2 == 1;
            for (int k = 0; k < 2; k++) {
                Sample s = (k == 0) == frameworkFirst ? framework(round, input, work, jvm) : baseline(round, input, work, jvm);
                if (s.loaded != expected.good() || s.setAside != expected.bad()) {
                    throw new IllegalStateException(s.side + " loaded " + s.loaded + " and set aside " + s.setAside
                            + "; expected " + expected.good() + " and " + expected.bad());
                }
                samples.add(s);
                System.out.printf(Locale.ROOT, "%-5d %-10s %9.2f %,12.0f %12.1f %13.1f %,10d %,10d%n", s.round, s.side,
                        s.wallMs / 1000.0, rows * 1000.0 / s.wallMs, s.peakRssKb / 1024.0, s.heapPeakKb / 1024.0,
                        s.loaded, s.setAside);
            }
        }
        long fw = median(samples, "framework");
        long raw = median(samples, "raw-jdbc");
        System.out.printf(Locale.ROOT, "%nmedian wall: framework %.2f s (%,.0f records/s), raw JDBC %.2f s (%,.0f records/s)%n",
                fw / 1000.0, rows * 1000.0 / fw, raw / 1000.0, rows * 1000.0 / raw);
        System.out.printf(Locale.ROOT, "ratio framework / raw JDBC: %.3fx (target <= 1.10x)%n", (double) fw / raw);
        System.out.printf(Locale.ROOT, "peak RSS: framework %.0f MB, raw JDBC %.0f MB (max over runs)%n",
                maxRss(samples, "framework") / 1024.0, maxRss(samples, "raw-jdbc") / 1024.0);
    }

    private static Sample framework(int round, Path input, Path work, List<String> jvm) throws Exception {
        Path db = fresh(work.resolve("framework-db"));
        String url = "jdbc:h2:file:" + db.resolve("store");
        Run r = run(work, "framework", jvm, "io.etlrecovery.cli.Main", "--db", url, "run", "orders-import",
                "--input", input.toString(), "--batch-size", String.valueOf(RawJdbcBaseline.COMMIT_EVERY));
        if (r.exit != 0) throw new IllegalStateException("orders-import exited " + r.exit + ":\n" + r.output);
        long loaded;
        long quarantined;
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            loaded = count(st, "SELECT COUNT(*) FROM ORDERS_CLEAN");
            quarantined = count(st, "SELECT COUNT(*) FROM QUARANTINED_RECORDS");
        }
        return new Sample("framework", round, r.wallMs, r.peakRssKb, r.heapPeakKb, loaded, quarantined);
    }

    private static Sample baseline(int round, Path input, Path work, List<String> jvm) throws Exception {
        Path db = fresh(work.resolve("baseline-db"));
        // the same H2 settings as the framework's store: a file database in automatic mixed mode that writes each
        // commit at once (a checkpoint that a kill can lose is no checkpoint)
        String url = "jdbc:h2:file:" + db.resolve("store") + ";AUTO_SERVER=TRUE;MAX_COMPACT_TIME=0;WRITE_DELAY=0"
                + ";QUERY_CACHE_SIZE=64";
        Run r = run(work, "raw-jdbc", jvm, RawJdbcBaseline.class.getName(), input.toString(), url);
        Matcher m = BASELINE.matcher(r.output);
        if (r.exit != 0 || !m.find()) throw new IllegalStateException("the baseline exited " + r.exit + ":\n" + r.output);
        return new Sample("raw-jdbc", round, r.wallMs, r.peakRssKb, r.heapPeakKb, Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)));
    }

    private record Run(int exit, long wallMs, long peakRssKb, long heapPeakKb, String output) {
    }

    private static Run run(Path work, String side, List<String> jvm, String mainClass, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Measured.class.getName(), mainClass));
        cmd.addAll(Arrays.asList(args));
        Path log = work.resolve(side + ".log");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = p.waitFor();
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Matcher m = MEASURED.matcher(output);
        long rss = -1;
        long heap = -1;
        if (m.find()) {
            rss = Long.parseLong(m.group(1));
            heap = Long.parseLong(m.group(2));
        }
        return new Run(exit, wallMs, rss, heap, output);
    }

    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path f : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.delete(f);
            }
        }
        return Files.createDirectories(dir);
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long median(List<Sample> samples, String side) {
        long[] w = samples.stream().filter(s -> s.side.equals(side)).mapToLong(Sample::wallMs).sorted().toArray();
        return w.length % 2 == 1 ? w[w.length / 2] : (w[w.length / 2 - 1] + w[w.length / 2]) / 2;
    }

    private static long maxRss(List<Sample> samples, String side) {
        return samples.stream().filter(s -> s.side.equals(side)).mapToLong(Sample::peakRssKb).max().orElse(-1);
    }

    private static String option(String[] args, String name, String defaultValue) {
        for (int i = 0; i < args.length - 1; i++) if (args[i].equals(name)) return args[i + 1];
        return defaultValue;
    }
}
