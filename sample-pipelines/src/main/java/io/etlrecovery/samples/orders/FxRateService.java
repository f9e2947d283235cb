package io.etlrecovery.samples.orders;

import io.etlrecovery.recovery.Sleeper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;

/**
 * A simulated FX-rate service: the EUR value of one unit of a currency on a day, with faults on demand — a
 * transient-failure rate, a latency per call and outage windows. Made by {@link #builder()}; immutable settings,
 * thread-safe.
 *
 * <p><b>Rates</b> are deterministic: a fixed reference rate per currency (EUR 1, USD 0.92, GBP 1.17, JPY 0.0061,
 * CHF 1.04, CAD 0.68, AUD 0.61, SEK 0.088) moved by at most ±2% depending on the day, with 6 decimal places.
 *
 * <p><b>Each call</b>, in this order: waits the latency with the {@link Sleeper}; fails with
 * {@link FxServiceUnavailableException} if it falls into an {@link FxOutage} window; fails with the same exception
 * with probability {@code failureRate}, drawn from a {@link Random} seeded with {@code seed} (so one thread gets
 * the same failures on every run); else returns the rate. Time windows are measured by the {@link Clock} from the
 * service's first call.
 *
 * <p>Defaults: never fails, no latency, no outage, seed 42, the system UTC clock, {@link Sleeper#system()} — a
 * reliable service that costs nothing. Tests inject a manual clock whose sleeper advances it.
 */
public final class FxRateService {

    /** The reference rates (EUR per unit), in the order of {@link OrderValidator#CURRENCIES}. */
    private static final long[] REFERENCE_MICROS = {920_000, 1_000_000, 1_170_000, 6_100, 1_040_000, 680_000,
            610_000, 88_000};

    /** The reference rate (EUR per unit) of one of {@link OrderValidator#CURRENCIES}, before the day's move. */
    public static BigDecimal referenceRate(String currency) {
        int i = OrderValidator.CURRENCIES.indexOf(currency);
        if (i < 0) throw new IllegalArgumentException("the FX rate service has no rate for currency '" + currency + "'");
        return BigDecimal.valueOf(REFERENCE_MICROS[i], 6);
    }

    private final double failureRate;
    private final Duration latency;
    private final List<FxOutage> outages;
    private final long seed;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Random random;
    private final LongAdder calls = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private volatile long firstCallMillis = Long.MIN_VALUE;

    private FxRateService(Builder b) {
        this.failureRate = b.failureRate;
        this.latency = b.latency;
        this.outages = List.copyOf(b.outages);
        this.seed = b.seed;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.random = new Random(b.seed);
    }

    /** A builder holding the defaults (a reliable service). */
    public static Builder builder() {
        return new Builder();
    }

    /** A service that never fails and adds no latency. */
    public static FxRateService reliable() {
        return builder().build();
    }

    /**
     * The EUR value of one {@code currency} on {@code day}.
     *
     * @param orderId the order the rate is for; used only by {@link FxOutage#orders outage windows on order ids}
     * @throws FxServiceUnavailableException during an outage, or on a simulated transient failure
     * @throws IllegalArgumentException      for a currency the service does not know
     * @throws InterruptedException          if interrupted while waiting the latency
     */
    public BigDecimal rate(String currency, LocalDate day, long orderId)
            throws FxServiceUnavailableException, InterruptedException {
        calls.increment();
        if (!latency.isZero()) sleeper.sleep(latency);
        if (!outages.isEmpty()) {
            long now = clock.millis();
            if (firstCallMillis == Long.MIN_VALUE) {
                synchronized (this) {
                    if (firstCallMillis == Long.MIN_VALUE) firstCallMillis = now;
                }
            }
            for (FxOutage o : outages) {
                if (o.covers(orderId, now - firstCallMillis)) {
                    failures.increment();
                    throw new FxServiceUnavailableException("FX rate service unavailable (HTTP 503): simulated "
                            + "outage '" + o + "', asked for " + currency + " on " + day + " for order " + orderId);
                }
            }
        }
        if (failureRate > 0 && random.nextDouble() < failureRate) {
            failures.increment();
            throw new FxServiceUnavailableException("FX rate service temporarily unavailable (HTTP 503): simulated "
                    + "transient failure, asked for " + currency + " on " + day);
        }
        int i = OrderValidator.CURRENCIES.indexOf(currency);
        if (i < 0) throw new IllegalArgumentException("the FX rate service has no rate for currency '" + currency + "'");
        if ("EUR".equals(currency)) return BigDecimal.ONE;
        // deterministic daily move in [-2%, +2%]
        long wobble = Math.floorMod(day.toEpochDay() * 7919 + i * 104_729L, 41) - 20; // -20..20 per mille
        return BigDecimal.valueOf(REFERENCE_MICROS[i] * (1000 + wobble) / 1000, 6);
    }

    /** Calls made so far (each attempt counts). */
    public long calls() {
        return calls.sum();
    }

    /** Calls that failed so far (outages and transient failures). */
    public long failures() {
        return failures.sum();
    }

    public double failureRate() {
        return failureRate;
    }

    public Duration latency() {
        return latency;
    }

    public List<FxOutage> outages() {
        return outages;
    }

    public long seed() {
        return seed;
    }

    @Override
    public String toString() {
        return "FxRateService[failureRate=" + failureRate + ", latency=" + latency.toMillis() + " ms, outages="
                + outages + ", seed=" + seed + "]";
    }

    /** Configures an {@link FxRateService}; setters validate at once and name the bad setting. Not thread-safe. */
    public static final class Builder {
        private double failureRate;
        private Duration latency = Duration.ZERO;
        private List<FxOutage> outages = List.of();
        private long seed = 42;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();

        private Builder() {
        }

        /**
         * The probability that a call fails transiently, in {@code [0, 1]} (default 0).
         *
         * @throws IllegalArgumentException if out of range
         */
        public Builder failureRate(double rate) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("failureRate must be from 0 to 1, was " + rate);
            }
            this.failureRate = rate;
            return this;
        }

        /**
         * How long each call takes (default zero), waited with the {@link #sleeper}.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder latency(Duration latency) {
            Objects.requireNonNull(latency, "latency");
            if (latency.isNegative()) throw new IllegalArgumentException("latency must be >= 0, was " + latency);
            this.latency = latency;
            return this;
        }

        /** The outage windows (default none); replaces earlier ones. */
        public Builder outages(List<FxOutage> outages) {
            Objects.requireNonNull(outages, "outages");
            outages.forEach(o -> Objects.requireNonNull(o, "outages contains null"));
            this.outages = List.copyOf(outages);
            return this;
        }

        /** The seed of the random failures (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The clock of time-based outage windows (default the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How the latency is waited (default {@link Sleeper#system()}). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public FxRateService build() {
            return new FxRateService(this);
        }
    }
}
