package io.etlrecovery.cli;

import io.etlrecovery.health.HealthPhase;
import io.etlrecovery.health.HealthSampler;
import io.etlrecovery.health.PreRunChecks;
import io.etlrecovery.health.ResourceProbe;
import io.etlrecovery.health.Resources;
import io.etlrecovery.pipeline.BatchStep;
import io.etlrecovery.pipeline.Compensable;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.Position;
import io.etlrecovery.pipeline.RecordCodec;
import io.etlrecovery.pipeline.Sink;
import io.etlrecovery.pipeline.Source;
import io.etlrecovery.pipeline.SourceRecord;
import io.etlrecovery.pipeline.ValidationException;
import io.etlrecovery.report.MutableClock;
import io.etlrecovery.runner.PipelineRunner;
import io.etlrecovery.runner.RunMode;
import io.etlrecovery.runner.RunOptions;
import io.etlrecovery.runner.RunResult;
import io.etlrecovery.runner.RunStatus;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import io.etlrecovery.testing.ManualClock;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * A store with a history made by real pipeline runs (PipelineRunner over small in-memory pipelines), placed on
 * different days by a manual clock, for the report command tests. Not a test itself.
 *
 * <p>The history, over the ten days up to {@link #NOW}: pipeline {@code orders} runs daily over 30 records with a
 * few invalid values (quarantined, one pattern whose messages differ only in ids), one read timeout per run that a
 * retry recovers, a configuration failure six days ago (FAILED, then abandoned by a restart the next day) and one
 * three days ago (FAILED, resumed three hours later); yesterday one record carries {@link #HOSTILE} content.
 * Pipeline {@code customers} runs every other day over 10 records, one of them bad today. Each run leaves a
 * RUN_START and a RUN_END health snapshot.
 */
public final class ReportHistory implements AutoCloseable {

    /** The reports' "now". */
    public static final Instant NOW = Instant.parse("2026-11-20T10:37:00Z");

    /** Record content with a terminal escape sequence (colour, window title) and a script element. */
    public static final String HOSTILE = "x\u001b[31mRED\u001b]0;pwned\u0007<script>alert(1)</script>";

    final Path dir;
    public final String url;
    public final Store store;
    /** A clock fixed at {@link #NOW}, for the reports. */
    public final MutableClock reportClock = new MutableClock(NOW);
    private final ManualClock runClock = new ManualClock(NOW.minus(Duration.ofDays(30)));
    public final List<RunResult> results = new ArrayList<>();

    private ReportHistory(Path dir) {
        this.dir = dir;
        this.url = "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
        this.store = Store.open(StoreConfig.of(url));
    }

    /** An empty store in {@code dir}. */
    public static ReportHistory empty(Path dir) {
        return new ReportHistory(dir);
    }

    /** The standard history in a new store in {@code dir}. */
    public static ReportHistory standard(Path dir) {
        ReportHistory h = new ReportHistory(dir);
        h.writeStandard();
        return h;
    }

    private void writeStandard() {
        for (int day = 9; day >= 0; day--) {
            Instant start = NOW.minus(Duration.ofDays(day)).minus(Duration.ofMinutes(day == 0 ? 40 : 150));
            Set<Integer> bad = new HashSet<>();
            for (int i = 0; i < 1 + (9 - day) % 4; i++) bad.add(3 + 7 * i);
            boolean configFailure = day == 6 || day == 3;
            RunResult r = runOrders(start, bad, day == 1, configFailure, day == 5 ? RunMode.RESTART : RunMode.AUTO);
            if (day == 3) runOrders(start.plus(Duration.ofHours(3)), bad, false, false, RunMode.AUTO); // resumed
            if (day % 2 == 0) {
                runCustomers(start.plus(Duration.ofMinutes(20)), day == 0 ? Set.of(4) : Set.of());
            }
            if (configFailure && r.status() == RunStatus.SUCCEEDED) throw new IllegalStateException("expected a failure");
        }
    }

    /** Runs {@code orders} at {@code start}: 30 records, those in {@code bad} invalid. */
    RunResult runOrders(Instant start, Set<Integer> bad, boolean hostile, boolean configFailure, RunMode mode) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            String value = bad.contains(i) ? "bad" : "v" + i;
            if (hostile && i == 11) value = HOSTILE;
            lines.add(i + "," + value);
        }
        Set<String> timedOut = new HashSet<>();
        AtomicBoolean broken = new AtomicBoolean(configFailure);
        BatchStep.Builder<String[], String[]> step = BatchStep.reading("load", new Lines(lines))
                .process("validate", ReportHistory::validate)
                .process("enrich", (String[] r) -> {
                    // the first record of each run times out once; the retry recovers it
                    if (r[0].equals("2") && timedOut.add(r[0])) {
                        throw new SocketTimeoutException("Read timed out after 3000 ms calling crm for order " + r[0]);
                    }
                    if (r[0].equals("19") && broken.get()) {
                        throw new SQLException("permission denied for table rates", "42501");
                    }
                    return r;
                });
        Pipeline p = Pipeline.named("orders").beforeRun(c -> c.createStatement().execute(OutputTable.DDL))
                .step(step.writeTo(new OutputTable())).build();
        return run(p, start, mode);
    }

    /** Runs {@code customers} at {@code start}: 10 records, those in {@code bad} invalid. */
    RunResult runCustomers(Instant start, Set<Integer> bad) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 10; i++) lines.add(i + "," + (bad.contains(i) ? "bad" : "c" + i));
        Pipeline p = Pipeline.named("customers").beforeRun(c -> c.createStatement().execute(OutputTable.DDL))
                .step(BatchStep.reading("load", new Lines(lines)).process("validate", ReportHistory::validate)
                        .writeTo(new OutputTable())).build();
        return run(p, start, RunMode.AUTO);
    }

    private RunResult run(Pipeline p, Instant start, RunMode mode) {
        runClock.set(start);
        PipelineRunner runner = PipelineRunner.builder(store).clock(runClock).sleeper(d -> runClock.advance(d))
                .batchSize(10).build();
        HealthSampler sampler = HealthSampler.of(probe(), runClock);
        RunResult r = runner.run(p, RunOptions.defaults().withMode(mode));
        sampler.record(store, r.runId(), HealthPhase.RUN_START);
        runClock.advance(Duration.ofSeconds(1));
        sampler.record(store, r.runId(), HealthPhase.RUN_END);
        results.add(r);
        return r;
    }

    private static String[] validate(String[] r) throws ValidationException {
        if (r.length != 2) throw new ValidationException("expected 2 fields, got " + r.length);
        if (r[1].equals("bad")) throw new ValidationException("value", "value must not be 'bad' in record " + r[0]);
        if (r[1].contains("<")) throw new ValidationException("value", "unexpected markup in value " + r[1]);
        return r;
    }

    /** A probe with fixed, healthy figures (16 GiB memory, 100 GiB disk). */
    static ResourceProbe probe() {
        long gib = 1L << 30;
        return volume -> new Resources(0.31, 6 * gib, 16 * gib, 40 * gib, 100 * gib, 300L << 20, 2 * gib, 85L, 65536L);
    }

    /** Health limits measured by {@link #probe()}. */
    static PreRunChecks limits() {
        return PreRunChecks.builder().probe(probe()).build();
    }

    /** Runs the command line with {@code --db} set to this store, giving every report command the report clock. */
    CliRun cli(String... args) {
        return cli(reportClock, args);
    }

    /** Runs the command line with {@code --db} set to this store, giving every report command {@code clock}. */
    CliRun cli(Clock clock, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--db";
        all[1] = url;
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.with(Map.of(), withClock(clock), all);
    }

    /** Sets the clock (and the health limits) of the report commands. */
    static Consumer<CommandLine> withClock(Clock clock) {
        return cl -> {
            for (CommandLine sub : cl.getSubcommands().values()) {
                Object c = sub.getCommand();
                if (c instanceof BudgetCommand b) b.clock = clock;
                if (c instanceof PatternsCommand p) p.clock = clock;
                if (c instanceof FailuresCommand f) f.clock = clock;
                if (c instanceof HealthCommand h) {
                    h.clock = clock;
                    h.limits = limits();
                }
                if (c instanceof ReportCommand r) {
                    r.clock = clock;
                    r.limits = limits();
                }
                if (c instanceof PurgeCommand p) p.clock = clock;
            }
        };
    }

    @Override
    public void close() {
        store.close();
    }

    /** Lines "id,value", resumable by line index. */
    static final class Lines implements Source<String[]> {
        private final List<String> lines;

        Lines(List<String> lines) {
            this.lines = List.copyOf(lines);
        }

        @Override
        public Cursor<String[]> open(Checkpoint resumeAfter) {
            int start = resumeAfter == null || resumeAfter.data() == null ? 0 : Integer.parseInt(resumeAfter.data());
            return new Cursor<>() {
                int next = start;

                @Override
                public SourceRecord<String[]> next() {
                    if (next >= lines.size()) return null;
                    String line = lines.get(next++);
                    return SourceRecord.parsed(Position.ofLine(next, next + 1), line, line.split(",", -1));
                }

                @Override
                public Checkpoint checkpoint() {
                    return new Checkpoint(next == 0 ? null : Position.ofLine(next, next + 1), Integer.toString(next));
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public RecordCodec<String[]> codec() {
            return new RecordCodec<>() {
                @Override
                public LinkedHashMap<String, String> toFields(String[] value) {
                    LinkedHashMap<String, String> m = new LinkedHashMap<>();
                    m.put("id", value[0]);
                    if (value.length > 1) m.put("value", value[1]);
                    return m;
                }

                @Override
                public String[] fromFields(Map<String, String> fields) {
                    return new String[] {fields.getOrDefault("id", ""), fields.getOrDefault("value", "")};
                }

                @Override
                public String[] fromRaw(String raw) {
                    return raw.split(",", -1);
                }
            };
        }
    }

    /** Writes into OUTPUT_ROWS in the store's database, in the batch's transaction; compensable by run. */
    static final class OutputTable implements Sink<String[]>, Compensable {
        static final String DDL = "CREATE TABLE IF NOT EXISTS OUTPUT_ROWS (ID BIGINT, VAL VARCHAR(200), RUN_ID BIGINT)";

        @Override
        public void write(List<? extends String[]> items, WriteContext ctx) throws Exception {
            try (PreparedStatement ps = ctx.connection().prepareStatement(
                    "INSERT INTO OUTPUT_ROWS (ID, VAL, RUN_ID) VALUES (?, ?, ?)")) {
                for (String[] item : items) {
                    ps.setLong(1, Long.parseLong(item[0]));
                    ps.setString(2, item[1]);
                    ps.setLong(3, ctx.runId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }

        @Override
        public long compensate(long runId, Connection connection) throws Exception {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM OUTPUT_ROWS WHERE RUN_ID = ?")) {
                ps.setLong(1, runId);
                return ps.executeUpdate();
            }
        }
    }
}
