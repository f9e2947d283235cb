package io.etlrecovery.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrendTest {

    @Test
    void countsMoveByMoreThanTwentyPercentToRiseOrFall() {
        assertEquals(Trend.NEW, Trend.of(1, 0));
        assertEquals(Trend.STEADY, Trend.of(0, 0));
        assertEquals(Trend.STEADY, Trend.of(120, 100));
        assertEquals(Trend.RISING, Trend.of(121, 100));
        assertEquals(Trend.STEADY, Trend.of(80, 100));
        assertEquals(Trend.FALLING, Trend.of(79, 100));
        assertEquals(Trend.FALLING, Trend.of(0, 3));
    }

    @Test
    void ratesCompareExactlyAndARateOverNothingIsZero() {
        assertEquals(Trend.STEADY, Trend.ofRates(12, 100, 10, 100));  // 12% against 10%: +20%
        assertEquals(Trend.RISING, Trend.ofRates(13, 100, 10, 100));
        assertEquals(Trend.RISING, Trend.ofRates(1, 3, 1, 4));        // 33% against 25%
        assertEquals(Trend.FALLING, Trend.ofRates(1, 3, 1, 2));       // 33% against 50%
        assertEquals(Trend.STEADY, Trend.ofRates(2, 5, 1, 2));        // 40% against 50%: -20%
        assertEquals(Trend.RISING, Trend.ofRates(1, 10, 0, 10));
        assertEquals(Trend.RISING, Trend.ofRates(1, 10, 0, 0));
        assertEquals(Trend.FALLING, Trend.ofRates(0, 0, 1, 10));
        assertEquals(Trend.STEADY, Trend.ofRates(0, 0, 0, 0));
    }
}
