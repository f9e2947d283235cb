package io.etlrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.cli.internal.Quantities;
import io.etlrecovery.cli.internal.RunProgress;
import io.etlrecovery.runner.RunListener.BatchCommitted;
import io.etlrecovery.runner.RunListener.RunStarted;
import io.etlrecovery.testing.ManualClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunProgressTest {

    final ManualClock clock = new ManualClock();
    final StringWriter text = new StringWriter();

    private RunProgress progress(RunProgress.Mode mode) {
        return new RunProgress(mode, new PrintWriter(text), clock, Duration.ofSeconds(5));
    }

    private static BatchCommitted batch(long n, long read, double fraction, List<String> open) {
        return new BatchCommitted(7, "p", "load", n, read, read - 1, 1, 2, fraction, open);
    }

    @Test
    void aResumedRunCountsOnlyTheRecordsReadSinceItResumedInItsRate() {
        RunProgress p = progress(RunProgress.Mode.LINES);
        p.resumingFrom(10_000);
        p.onRunStarted(new RunStarted(7, "p", true, null));
        clock.advance(Duration.ofSeconds(10));

        p.onBatchCommitted(batch(11, 11_000, 0.5, List.of()));

        assertEquals("progress: run 7, step load: 11,000 records read (50% of the input), 10,999 loaded, "
                + "1 quarantined, 2 retries, 100 records/s, breakers closed, 10 s elapsed\n", text.toString());
    }

    @Test
    void linesNameTheOpenBreakersAndLeaveOutAnUnknownShareOfTheInput() {
        RunProgress p = progress(RunProgress.Mode.LINES);
        p.onRunStarted(new RunStarted(7, "p", false, null));
        clock.advance(Duration.ofSeconds(4));
        p.onBatchCommitted(batch(1, 100, -1, List.of("fx")));
        clock.advance(Duration.ofSeconds(1));

        p.onBatchCommitted(batch(2, 200, -1, List.of("fx", "db")));

        assertEquals(1, p.linesPrinted(), text::toString);
        assertTrue(text.toString().startsWith("progress: run 7, step load: 200 records read, 199 loaded, "),
                text::toString);
        assertTrue(text.toString().contains("breaker OPEN: fx, db"), text::toString);
    }

    @Test
    void theBarRedrawsAtMostEveryTwoHundredMillisecondsAndShowsTheBatchWhenTheShareIsUnknown() {
        RunProgress p = progress(RunProgress.Mode.BAR);
        p.onRunStarted(new RunStarted(7, "p", false, null));
        clock.advance(Duration.ofSeconds(1));
        p.onBatchCommitted(batch(1, 100, -1, List.of()));
        clock.advance(Duration.ofMillis(100));
        p.onBatchCommitted(batch(2, 200, -1, List.of()));
        clock.advance(Duration.ofMillis(100));
        p.onBatchCommitted(batch(3, 300, -1, List.of("fx")));
        p.finish();
        p.finish();

        String[] draws = text.toString().split("\r", -1);
        assertEquals(3, draws.length, text::toString); // "", batch 1, batch 3
        assertTrue(draws[1].startsWith("load [batch 1] | 100 read | 100 records/s"), draws[1]);
        assertTrue(draws[2].startsWith("load [batch 3] | 300 read |"), draws[2]);
        assertTrue(draws[2].endsWith("breaker OPEN: fx\n"), draws[2]);
    }

    @Test
    void offPrintsNothing() {
        RunProgress p = progress(RunProgress.Mode.OFF);
        p.onRunStarted(new RunStarted(7, "p", false, null));
        clock.advance(Duration.ofMinutes(1));
        p.onBatchCommitted(batch(1, 100, 0.1, List.of()));
        p.finish();

        assertEquals("", text.toString());
    }

    @Test
    void sizesAndRatesParseTheFormsTheOptionsDocument() {
        assertEquals(1L << 30, Quantities.bytes("1GiB"));
        assertEquals(256L << 20, Quantities.bytes("256MiB"));
        assertEquals(512L << 20, Quantities.bytes("512m"));
        assertEquals(1536L << 20, Quantities.bytes("1.5G"));
        assertEquals(1_048_576, Quantities.bytes("1048576"));
        assertEquals(0, Quantities.bytes("0"));
        assertEquals(0.1, Quantities.rate("10%"), 1e-12);
        assertEquals(0.05, Quantities.rate("0.05"), 1e-12);
        for (String bad : List.of("", "GiB", "1 parsec", "-1")) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Quantities.bytes(bad));
            assertTrue(e.getMessage().contains("is not a size"), e.getMessage());
        }
        for (String bad : List.of("0", "0%", "101%", "2", "ten")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Quantities.rate(bad));
        }
    }
}
