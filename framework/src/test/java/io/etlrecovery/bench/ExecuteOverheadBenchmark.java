package io.etlrecovery.bench;

import io.etlrecovery.recovery.CallOptions;
import io.etlrecovery.recovery.ErrorContext;
import io.etlrecovery.recovery.ErrorRecoveryManager;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Measures the overhead of {@link ErrorRecoveryManager#execute} on a call that succeeds at once, against the bare
 * call. Not a test: run its {@code main} (a rough single-threaded measurement, warm-up then several rounds; the
 * median of the rounds is printed side by side).
 *
 * <pre>
 *   java -cp framework/target/classes:framework/target/test-classes:&lt;slf4j-api&gt; \
 *        io.etlrecovery.bench.ExecuteOverheadBenchmark [callsPerRound] [rounds]
 * </pre>
 */
public final class ExecuteOverheadBenchmark {

    /** The measured call: cheap, but not something the JIT can remove. */
    private static final class Counter implements Callable<Long> {
        private long n;

        @Override
        public Long call() {
            return ++n;
        }
    }

    private interface Variant {
        long run(Counter call, int calls) throws Exception;
    }

    private static volatile long sink;

    private ExecuteOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        ErrorRecoveryManager manager = ErrorRecoveryManager.defaults();
        CallOptions<Long> plain = CallOptions.defaults();
        CallOptions<Long> guarded = CallOptions.forDependency("orders-api");
        ErrorContext context = ErrorContext.of("bench", 1L, "transform");

        String[] names = {"bare call", "execute(call)", "execute(breaker)", "attempt(breaker)"};
        Variant[] variants = {
            (c, n) -> {
                long s = 0;
                for (int i = 0; i < n; i++) {
                    s += c.call();
                }
                return s;
            },
            (c, n) -> {
                long s = 0;
                for (int i = 0; i < n; i++) {
                    s += manager.execute(c);
                }
                return s;
            },
            (c, n) -> {
                long s = 0;
                for (int i = 0; i < n; i++) {
                    s += manager.execute(guarded, c);
                }
                return s;
            },
            (c, n) -> {
                long s = 0;
                for (int i = 0; i < n; i++) {
                    s += manager.attempt(guarded, context, c).attempts();
                }
                return s;
            },
        };
        assert plain != null;

        System.out.printf(Locale.ROOT, "ExecuteOverheadBenchmark: %d calls per round, %d rounds (after %d warm-up "
                + "rounds), Java %s%n", calls, rounds, 5, System.getProperty("java.version"));
        for (int w = 0; w < 5; w++) {
            for (Variant v : variants) {
                sink += v.run(new Counter(), calls);
            }
        }
        double[][] nsPerCall = new double[variants.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int v = 0; v < variants.length; v++) {
                Counter c = new Counter();
                long start = System.nanoTime();
                sink += variants[v].run(c, calls);
                nsPerCall[v][r] = (System.nanoTime() - start) / (double) calls;
            }
        }
        double bare = median(nsPerCall[0]);
        System.out.printf(Locale.ROOT, "%-18s %10s %10s %10s %12s%n", "variant", "median", "min", "max",
                "overhead");
        for (int v = 0; v < variants.length; v++) {
            double[] ns = nsPerCall[v];
            double med = median(ns);
            System.out.printf(Locale.ROOT, "%-18s %7.2f ns %7.2f ns %7.2f ns %+9.2f ns%n", names[v], med,
                    Arrays.stream(ns).min().orElse(0), Arrays.stream(ns).max().orElse(0), med - bare);
        }
        System.out.println("(sink " + sink + ")");
    }

    private static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        int n = copy.length;
        return n % 2 == 1 ? copy[n / 2] : (copy[n / 2 - 1] + copy[n / 2]) / 2;
    }
}
