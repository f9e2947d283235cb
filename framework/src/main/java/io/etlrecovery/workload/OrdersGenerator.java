package io.etlrecovery.workload;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the benchmark's orders CSV: immutable, made by {@link #builder()}.
 *
 * <p>Settings: {@code rows} (required, {@code >= 0}), {@code badRate} (default {@value #DEFAULT_BAD_RATE},
 * in {@code [0, 1]}) and {@code seed} (default {@value #DEFAULT_SEED}).
 *
 * <p>Guarantees:
 * <ul>
 *   <li>The same settings always give the same bytes, and exactly the bytes that the reference generator
 *       {@code bench/GenerateOrders.java} writes for {@code --rows rows --bad-rate badRate --seed seed}: an
 *       RFC 4180 CSV in UTF-8 (in fact ASCII) with CRLF line ends, the header {@value #HEADER}, record
 *       {@code k} on physical line {@code k + 1} with {@code order_id = k}, and the {@code .expected}
 *       file next to it ({@code <out>.expected}).</li>
 *   <li>Exactly {@code round(rows * badRate)} records are bad, each with exactly one defect; the defect
 *       kinds cycle in the order of {@link DefectKind}, so each kind gets {@code bad / 8} rows and the first
 *       {@code bad % 8} kinds one more.</li>
 *   <li>Generation streams: memory use does not depend on {@code rows}.</li>
 * </ul>
 *
 * <p>Also runnable: {@code OrdersGenerator --rows N [--bad-rate 0.01] [--seed 42] --out orders.csv}, with the
 * arguments of the reference generator; it prints {@code rows=N good=G bad=B} to stderr and exits with 2 (and
 * a usage line) on bad arguments.
 */
public final class OrdersGenerator {
    /** Default share of bad rows. */
    public static final double DEFAULT_BAD_RATE = 0.01;
    /** Default seed of the random number generator. */
    public static final long DEFAULT_SEED = 42;
    /** The header line of the CSV (without its CRLF). */
    public static final String HEADER = "order_id,customer_id,order_date,amount,currency,quantity,country";

    static final String USAGE = "usage: OrdersGenerator --rows N [--bad-rate 0.01] [--seed 42] --out orders.csv";

    // The tables and the order of the random draws below must stay exactly those of the reference generator.
    private static final String[] CURRENCIES = {"USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "SEK"};
    private static final String[] COUNTRIES = {"US", "GB", "DE", "FR", "IT", "ES", "NL", "BE", "CH", "AT",
            "SE", "NO", "DK", "FI", "IE", "PL", "PT", "CA", "AU", "JP"};
    private static final int DAYS = 731; // 2024-01-01 .. 2025-12-31
    private static final DefectKind[] KINDS = DefectKind.values();

    private static final byte[][] CURRENCY_BYTES = ascii(CURRENCIES);
    private static final byte[][] COUNTRY_BYTES = ascii(COUNTRIES);
    private static final byte[][] DATE_BYTES = dates();
    private static final byte[] HEADER_BYTES = (HEADER + "\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NON_NUMERIC = ascii("12.3O");
    private static final byte[] FEB_30 = ascii("2024-02-30");
    private static final byte[] YESTERDAY = ascii("yesterday");
    private static final byte[] XXX = ascii("XXX");
    private static final byte[] EXTRA = ascii(",EXTRA");

    private static final int K_NON_NUMERIC = DefectKind.NON_NUMERIC_AMOUNT.ordinal();
    private static final int K_NEGATIVE = DefectKind.NEGATIVE_AMOUNT.ordinal();
    private static final int K_DATE = DefectKind.INVALID_DATE.ordinal();
    private static final int K_CUSTOMER = DefectKind.MISSING_CUSTOMER_ID.ordinal();
    private static final int K_QUANTITY = DefectKind.ZERO_QUANTITY.ordinal();
    private static final int K_CURRENCY = DefectKind.UNKNOWN_CURRENCY.ordinal();
    private static final int K_MISSING_COLUMN = DefectKind.MISSING_COLUMN.ordinal();
    private static final int K_EXTRA_COLUMN = DefectKind.EXTRA_COLUMN.ordinal();

    private static final int BUFFER = 1 << 16;
    private static final int MAX_ROW = 128; // longest row is under 90 bytes

    private final long rows;
    private final double badRate;
    private final long seed;

    private OrdersGenerator(Builder b) {
        this.rows = b.rows;
        this.badRate = b.badRate;
        this.seed = b.seed;
    }

    /** A builder with {@code badRate} {@value #DEFAULT_BAD_RATE}, {@code seed} {@value #DEFAULT_SEED} and no rows yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of data records to write. */
    public long rows() {
        return rows;
    }

    /** Share of bad records, in {@code [0, 1]}. */
    public double badRate() {
        return badRate;
    }

    /** Seed of the random number generator. */
    public long seed() {
        return seed;
    }

    /** Number of bad records the file will have: {@code Math.round(rows * badRate)}. */
    public long badRows() {
        return Math.round(rows * badRate);
    }

    /** The {@code .expected} file that belongs to this CSV: {@code <csv>.expected} in the same directory. */
    public static Path expectedFileOf(Path csv) {
        Path name = csv.getFileName();
        if (name == null) throw new IllegalArgumentException("csv has no file name: " + csv);
        return csv.resolveSibling(name + ".expected");
    }

    /**
     * Writes the CSV to {@code out} and the counts to {@link #expectedFileOf(Path) out.expected}, replacing
     * both if they exist (the directory must exist). On failure the files may be left half written.
     */
    public GenerationResult generate(Path out) throws IOException {
        Path expectedFile = expectedFileOf(out);
        JdkRandom rng = new JdkRandom(seed);
        long badTarget = Math.round(rows * badRate);
        long bad = 0;
        long[] perDefect = new long[KINDS.length];

        try (OutputStream os = Files.newOutputStream(out)) {
            byte[] buf = new byte[BUFFER];
            System.arraycopy(HEADER_BYTES, 0, buf, 0, HEADER_BYTES.length);
            int p = HEADER_BYTES.length;
            byte[] id = {'0'}; // order_id as ASCII digits, counted up in place
            int idLen = 1;

            for (long n = 1; n <= rows; n++) {
                // draws, in the reference's order
                int customer = rng.nextInt(1_000_000);
                int suffix = rng.nextInt(100);
                int day = rng.nextInt(DAYS);
                int cents = 1 + rng.nextInt(999_999);
                int currency = rng.nextInt(CURRENCIES.length);
                int quantity = 1 + rng.nextInt(50);
                int country = rng.nextInt(COUNTRIES.length);
                int kind = -1;
                long nth = 0;
                // Selection sampling (Knuth, Algorithm S): exactly badTarget bad rows, spread at random.
                if (rng.nextDouble() * (rows - n + 1) < badTarget - bad) {
                    kind = (int) (bad % KINDS.length);
                    nth = perDefect[kind]++;
                    bad++;
                }

                if (p > BUFFER - MAX_ROW) {
                    os.write(buf, 0, p);
                    p = 0;
                }
                // order_id: n, incremented as decimal text
                int i = idLen - 1;
                while (i >= 0 && id[i] == '9') id[i--] = '0';
                if (i >= 0) {
                    id[i]++;
                } else {
                    byte[] longer = new byte[idLen + 1];
                    longer[0] = '1';
                    System.arraycopy(id, 0, longer, 1, idLen);
                    id = longer;
                    idLen++;
                }
                System.arraycopy(id, 0, buf, p, idLen);
                p += idLen;
                buf[p++] = ',';

                // customer_id: C + 6 digits, ",EU" or "\"X" appended to 4 in 100 (then quoted)
                if (kind != K_CUSTOMER) {
                    boolean comma = suffix < 2;
                    boolean quote = suffix == 2 || suffix == 3;
                    if (comma || quote) buf[p++] = '"';
                    buf[p++] = 'C';
                    for (int k = 5; k >= 0; k--) {
                        buf[p + k] = (byte) ('0' + customer % 10);
                        customer /= 10;
                    }
                    p += 6;
                    if (comma) {
                        buf[p++] = ',';
                        buf[p++] = 'E';
                        buf[p++] = 'U';
                        buf[p++] = '"';
                    } else if (quote) {
                        buf[p++] = '"';
                        buf[p++] = '"';
                        buf[p++] = 'X';
                        buf[p++] = '"';
                    }
                }
                buf[p++] = ',';

                p = put(buf, p, kind != K_DATE ? DATE_BYTES[day] : nth % 2 == 0 ? FEB_30 : YESTERDAY);
                buf[p++] = ',';

                if (kind == K_NON_NUMERIC) {
                    p = put(buf, p, NON_NUMERIC);
                } else {
                    if (kind == K_NEGATIVE) buf[p++] = '-';
                    p = putInt(buf, p, cents / 100);
                    int c = cents % 100;
                    buf[p++] = '.';
                    buf[p++] = (byte) ('0' + c / 10);
                    buf[p++] = (byte) ('0' + c % 10);
                }
                buf[p++] = ',';

                p = put(buf, p, kind == K_CURRENCY ? XXX : CURRENCY_BYTES[currency]);
                buf[p++] = ',';

                if (kind == K_QUANTITY) {
                    buf[p++] = '0';
                } else {
                    p = putInt(buf, p, quantity);
                }
                if (kind != K_MISSING_COLUMN) {
                    buf[p++] = ',';
                    p = put(buf, p, COUNTRY_BYTES[country]);
                }
                if (kind == K_EXTRA_COLUMN) p = put(buf, p, EXTRA);
                buf[p++] = '\r';
                buf[p++] = '\n';
            }
            os.write(buf, 0, p);
        }

        long good = rows - bad;
        Map<String, Long> defects = new LinkedHashMap<>();
        StringBuilder expected = new StringBuilder()
                .append("rows=").append(rows).append('\n')
                .append("good=").append(good).append('\n')
                .append("bad=").append(bad).append('\n');
        for (DefectKind k : KINDS) {
            defects.put(k.key(), perDefect[k.ordinal()]);
            expected.append("defect.").append(k.key()).append('=').append(perDefect[k.ordinal()]).append('\n');
        }
        Files.writeString(expectedFile, expected, StandardCharsets.UTF_8);
        return new GenerationResult(out, expectedFile, new ExpectedCounts(rows, good, bad, defects));
    }

    @Override
    public String toString() {
        return "OrdersGenerator[rows=" + rows + ", badRate=" + badRate + ", seed=" + seed + "]";
    }

    /**
     * {@code --rows N [--bad-rate 0.01] [--seed 42] --out FILE}: writes the file and its {@code .expected},
     * prints {@code rows=N good=G bad=B} to stderr; exits with 2 and a usage line on bad arguments, with 1
     * if writing fails.
     */
    public static void main(String[] args) {
        int code = run(args, System.err);
        if (code != 0) System.exit(code);
    }

    /** {@link #main(String[])} without the exit: returns the exit code. */
    static int run(String[] args, PrintStream err) {
        Builder b = builder();
        Path out = null;
        boolean rowsGiven = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (!name.equals("--rows") && !name.equals("--bad-rate") && !name.equals("--seed") && !name.equals("--out")) {
                    throw new IllegalArgumentException("unknown argument " + name);
                }
                if (i + 1 == args.length) throw new IllegalArgumentException(name + " needs a value");
                String value = args[++i];
                try {
                    switch (name) {
                        case "--rows" -> {
                            b.rows(Long.parseLong(value));
                            rowsGiven = true;
                        }
                        case "--bad-rate" -> b.badRate(Double.parseDouble(value));
                        case "--seed" -> b.seed(Long.parseLong(value));
                        default -> out = Path.of(value);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " is not a number: " + value, e);
                }
            }
            if (!rowsGiven) throw new IllegalArgumentException("--rows is required");
            if (out == null) throw new IllegalArgumentException("--out is required");
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            GenerationResult r = b.build().generate(out);
            err.println("rows=" + r.rows() + " good=" + r.good() + " bad=" + r.bad());
            return 0;
        } catch (IOException e) {
            err.println("cannot write " + out + ": " + e);
            return 1;
        }
    }

    private static int put(byte[] buf, int p, byte[] v) {
        System.arraycopy(v, 0, buf, p, v.length);
        return p + v.length;
    }

    /** Appends 0 <= v < 100_000 in decimal. */
    private static int putInt(byte[] buf, int p, int v) {
        int len = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10_000 ? 4 : 5;
        for (int k = p + len - 1; k >= p; k--) {
            buf[k] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return p + len;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] ascii(String[] values) {
        byte[][] r = new byte[values.length][];
        for (int i = 0; i < values.length; i++) r[i] = ascii(values[i]);
        return r;
    }

    private static byte[][] dates() {
        LocalDate first = LocalDate.of(2024, 1, 1);
        byte[][] r = new byte[DAYS][];
        for (int i = 0; i < DAYS; i++) r[i] = ascii(first.plusDays(i).toString());
        return r;
    }

    /**
     * The algorithm of {@link java.util.Random} as its Javadoc specifies it (48-bit linear congruential
     * generator; {@code nextInt(bound)} and {@code nextDouble()} exactly as specified there), so it yields
     * the same numbers for the same seed, but without the atomic update, which costs most of the time of
     * generation. Not thread-safe.
     */
    static final class JdkRandom {
        private static final long MULTIPLIER = 0x5DEECE66DL;
        private static final long ADDEND = 0xBL;
        private static final long MASK = (1L << 48) - 1;
        private long seed;

        JdkRandom(long seed) {
            this.seed = (seed ^ MULTIPLIER) & MASK;
        }

        private int next(int bits) {
            seed = (seed * MULTIPLIER + ADDEND) & MASK;
            return (int) (seed >>> (48 - bits));
        }

        int nextInt(int bound) {
            if (bound <= 0) throw new IllegalArgumentException("bound must be positive: " + bound);
            int r = next(31);
            int m = bound - 1;
            if ((bound & m) == 0) return (int) ((bound * (long) r) >> 31);
            for (int u = r; u - (r = u % bound) + m < 0; u = next(31)) {
                // reject the values that would bias the result
            }
            return r;
        }

        double nextDouble() {
            return (((long) next(26) << 27) + next(27)) * 0x1.0p-53;
        }
    }

    /**
     * Builds an {@link OrdersGenerator}; each setter checks its value at once and names the parameter in its
     * {@link IllegalArgumentException}. Defaults: {@code badRate} {@value OrdersGenerator#DEFAULT_BAD_RATE},
     * {@code seed} {@value OrdersGenerator#DEFAULT_SEED}; {@code rows} has no default.
     */
    public static final class Builder {
        private long rows = -1;
        private double badRate = DEFAULT_BAD_RATE;
        private long seed = DEFAULT_SEED;

        private Builder() {
        }

        /** Number of data records, {@code >= 0}. */
        public Builder rows(long rows) {
            if (rows < 0) throw new IllegalArgumentException("rows must be >= 0: " + rows);
            this.rows = rows;
            return this;
        }

        /** Share of bad records, in {@code [0, 1]}; default {@value OrdersGenerator#DEFAULT_BAD_RATE}. */
        public Builder badRate(double badRate) {
            if (!(badRate >= 0 && badRate <= 1)) {
                throw new IllegalArgumentException("badRate must be in [0, 1]: " + badRate);
            }
            this.badRate = badRate;
            return this;
        }

        /** Seed of the random number generator; default {@value OrdersGenerator#DEFAULT_SEED}. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @throws IllegalStateException if {@code rows} was not set */
        public OrdersGenerator build() {
            if (rows < 0) throw new IllegalStateException("rows is required");
            return new OrdersGenerator(this);
        }
    }
}
