package io.etlrecovery.cli.internal;

import io.etlrecovery.internal.Fmt;
import io.etlrecovery.runner.RunListener;
import io.etlrecovery.runner.RunResult;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Shows a run's progress as it commits batches: records per second, the share of the input read, quarantined
 * records, retries and open circuit breakers.
 *
 * <ul>
 *   <li>{@link Mode#BAR}: one line redrawn in place (carriage return, no other terminal control), at most every
 *       {@link #BAR_REDRAW} of the clock, ended with a line break when the run finishes.</li>
 *   <li>{@link Mode#LINES}: a plain line at the first batch committed at least {@code every} after the previous
 *       line (or after the start): for logs and pipes.</li>
 *   <li>{@link Mode#OFF}: nothing.</li>
 * </ul>
 * Time is read from the injected clock only when a batch commits, so nothing is printed between batches. Records
 * per second count the records read by this invocation (a resumed run's earlier records are left out: see
 * {@link #resumingFrom}). Called on the runner's thread; not thread-safe otherwise.
 */
public final class RunProgress implements RunListener {

    /** The longest a bar waits between redraws: 200 ms. */
    public static final Duration BAR_REDRAW = Duration.ofMillis(200);

    /** How progress is shown. */
    public enum Mode {
        /** A bar redrawn in place, for terminals. */
        BAR,
        /** Plain lines every few seconds, for logs and pipes. */
        LINES,
        /** Nothing. */
        OFF
    }

    private static final int BAR_WIDTH = 24;

    private final Mode mode;
    private final PrintWriter out;
    private final Clock clock;
    private final Duration every;

    private long baseRecords;
    private Instant startedAt;
    private Instant lastShown;
    private int lastWidth;
    private boolean barOpen;
    private long linesPrinted;

    /**
     * @param every for {@link Mode#LINES}, the least time between two lines (at least 1 ms)
     */
    public RunProgress(Mode mode, PrintWriter out, Clock clock, Duration every) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.every = Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) throw new IllegalArgumentException("every must be positive, was " + every);
    }

    /** The records a resumed run had read before this invocation, left out of the records per second. */
    public void resumingFrom(long records) {
        this.baseRecords = records;
    }

    /** Progress lines printed so far ({@link Mode#LINES}). */
    public long linesPrinted() {
        return linesPrinted;
    }

    @Override
    public void onRunStarted(RunStarted event) {
        startedAt = clock.instant();
        lastShown = startedAt;
        if (!event.resumed()) baseRecords = 0;
    }

    @Override
    public void onBatchCommitted(BatchCommitted e) {
        if (mode == Mode.OFF) return;
        Instant now = clock.instant();
        if (startedAt == null) {
            startedAt = now;
            lastShown = now;
        }
        Duration since = Duration.between(lastShown, now);
        if (mode == Mode.LINES) {
            if (since.compareTo(every) < 0) return;
            out.println("progress: " + describe(e, now));
            out.flush();
            linesPrinted++;
        } else {
            if (barOpen && since.compareTo(BAR_REDRAW) < 0) return;
            drawBar(e, now);
        }
        lastShown = now;
    }

    @Override
    public void onRunFinished(RunResult result) {
        finish();
    }

    /** Ends the bar's line, if one is drawn; idempotent. Call it also when a run ends with an exception. */
    public void finish() {
        if (barOpen) {
            out.println();
            out.flush();
            barOpen = false;
        }
    }

    private void drawBar(BatchCommitted e, Instant now) {
        StringBuilder sb = new StringBuilder(120);
        sb.append(TerminalText.safe(e.step())).append(' ');
        if (e.fractionRead() >= 0) {
            double f = Math.min(1, e.fractionRead());
            int filled = (int) Math.round(f * BAR_WIDTH);
            sb.append('[').append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3.0f%%", f * 100));
        } else {
            sb.append("[batch ").append(Fmt.count(e.batchNumber())).append(']');
        }
        sb.append(" | ").append(Fmt.count(e.recordsRead())).append(" read | ").append(rate(e, now))
                .append(" | ").append(Fmt.count(e.recordsQuarantined())).append(" quarantined | ")
                .append(Fmt.count(e.retries())).append(" retries | ").append(breakers(e));
        String line = sb.toString();
        int pad = Math.max(0, lastWidth - line.length());
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
        lastWidth = line.length();
        barOpen = true;
    }

    private String describe(BatchCommitted e, Instant now) {
        StringBuilder sb = new StringBuilder(160);
        sb.append("run ").append(e.runId()).append(", step ").append(TerminalText.safe(e.step())).append(": ")
                .append(Fmt.count(e.recordsRead())).append(" records read");
        if (e.fractionRead() >= 0) {
            sb.append(" (").append(String.format(Locale.ROOT, "%.0f%%", Math.min(1, e.fractionRead()) * 100))
                    .append(" of the input)");
        }
        sb.append(", ").append(Fmt.count(e.recordsLoaded())).append(" loaded, ")
                .append(Fmt.count(e.recordsQuarantined())).append(" quarantined, ")
                .append(Fmt.count(e.retries())).append(" retries, ").append(rate(e, now)).append(", ")
                .append(breakers(e)).append(", ").append(Fmt.duration(Duration.between(startedAt, now)
                        .withNanos(0))).append(" elapsed");
        return sb.toString();
    }

    private String rate(BatchCommitted e, Instant now) {
        double seconds = Duration.between(startedAt, now).toNanos() / 1e9;
        long records = Math.max(0, e.recordsRead() - baseRecords);
        if (seconds <= 0) return "- records/s";
        return Fmt.count(Math.round(records / seconds)) + " records/s";
    }

    private static String breakers(BatchCommitted e) {
        if (e.openBreakers() == null || e.openBreakers().isEmpty()) return "breakers closed";
        return "breaker OPEN: " + TerminalText.safe(String.join(", ", e.openBreakers()));
    }
}
