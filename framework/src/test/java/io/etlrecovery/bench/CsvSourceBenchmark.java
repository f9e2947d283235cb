package io.etlrecovery.bench;

import io.etlrecovery.io.CsvRow;
import io.etlrecovery.io.CsvSource;
import io.etlrecovery.pipeline.Source;
import io.etlrecovery.pipeline.SourceRecord;
import io.etlrecovery.workload.OrdersGenerator;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Measures {@link CsvSource} against a plain Commons CSV loop over the same orders file (not a test).
 *
 * <pre>{@code
 * java -cp <test classpath> io.etlrecovery.bench.CsvSourceBenchmark [file] [rounds]
 * }</pre>
 *
 * Both read every value of every record (the source also keeps each record's raw text and position, which the
 * plain loop does not). The two alternate in one JVM after warm-up rounds; the medians and their ratio are
 * printed. The file defaults to {@code /tmp/orders-d.csv}, generated with 1,000,000 rows if missing.
 */
public final class CsvSourceBenchmark {

    private CsvSourceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/orders-d.csv");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        if (!Files.exists(file)) {
            OrdersGenerator.builder().rows(1_000_000).build().generate(file);
        }
        CsvSource source = CsvSource.builder(file).build();
        for (int i = 0; i < 3; i++) {
            plain(file);
            viaSource(source);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] plain = new long[rounds];
        long[] framework = new long[rounds];
        long[] plainCpu = new long[rounds];
        long[] frameworkCpu = new long[rounds];
        long check = 0;
        for (int i = 0; i < rounds; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            check += plain(file);
            long t1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            check += viaSource(source);
            long t2 = System.nanoTime();
            long c2 = threads.getCurrentThreadCpuTime();
            plain[i] = t1 - t0;
            framework[i] = t2 - t1;
            plainCpu[i] = c1 - c0;
            frameworkCpu[i] = c2 - c1;
        }
        System.out.printf(Locale.ROOT, "file=%s size=%,d bytes rounds=%d (checksum %d)%n", file, Files.size(file),
                rounds, check);
        report("wall time  ", plain, framework);
        report("thread CPU ", plainCpu, frameworkCpu);
    }

    private static void report(String what, long[] plain, long[] framework) {
        long p = median(plain);
        long f = median(framework);
        System.out.printf(Locale.ROOT, "%s plain commons-csv loop: median %,d ms %s%n", what, p / 1_000_000,
                Arrays.toString(Arrays.stream(plain).map(x -> x / 1_000_000).toArray()));
        System.out.printf(Locale.ROOT, "%s CsvSource:              median %,d ms %s%n", what, f / 1_000_000,
                Arrays.toString(Arrays.stream(framework).map(x -> x / 1_000_000).toArray()));
        System.out.printf(Locale.ROOT, "%s ratio CsvSource / plain: %.3f%n", what, (double) f / p);
    }

    /** The hand-written loop: Commons CSV over a buffered UTF-8 reader, header from the first record. */
    static long plain(Path file) throws Exception {
        long sum = 0;
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            for (CSVRecord r : parser) {
                for (int i = 0; i < r.size(); i++) {
                    sum += r.get(i).length();
                }
                sum += r.getRecordNumber() & 1;
            }
        }
        return sum;
    }

    static long viaSource(CsvSource source) throws Exception {
        long sum = 0;
        try (Source.Cursor<CsvRow> cursor = source.open(null)) {
            for (SourceRecord<CsvRow> r; (r = cursor.next()) != null; ) {
                if (r.isParsed()) {
                    CsvRow row = r.value();
                    for (int i = 0; i < row.size(); i++) {
                        sum += row.get(i).length();
                    }
                }
                sum += r.position().lineNumber() & 1;
            }
        }
        return sum;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
