package io.etlrecovery.report.internal;

import io.etlrecovery.internal.Fmt;
import io.etlrecovery.report.BudgetPoint;
import io.etlrecovery.report.BudgetReport;
import io.etlrecovery.report.DayFailures;
import io.etlrecovery.report.PatternEntry;
import io.etlrecovery.report.Trend;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Inline SVG charts drawn in Java: they show with scripts disabled and need nothing from the network. */
public final class Charts {

    static final String BLUE = "#0969da";
    static final String PURPLE = "#8250df";
    static final String RED = "#cf222e";
    static final String AMBER = "#bf8700";
    static final String GREEN = "#1a7f37";
    static final String GREY = "#8c959f";
    static final String GRID = "#d8dee4";
    static final String INK = "#57606a";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Charts() {
    }

    /** The remaining share of both budgets over the window: a line per budget from 100% at the window's start. */
    public static void burnDown(Html h, BudgetReport b) {
        int w = 560, ht = 210, left = 46, right = 16, top = 14, bottom = 30;
        int pw = w - left - right, ph = ht - top - bottom;
        List<BudgetPoint> pts = b.burnDown();
        double min = 0;
        for (BudgetPoint p : pts) min = Math.min(min, Math.min(p.recordsRemaining(), p.runsRemaining()));
        double yMin = Math.max(-2.0, Math.floor(min * 4) / 4); // steps of 25%, clamped at -200%
        double yMax = 1.0;
        long x0 = b.windowStart().toEpochMilli();
        long x1 = Math.max(x0 + 1, b.generatedAt().toEpochMilli());
        h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart", "width", String.valueOf(w),
                "height", String.valueOf(ht), "viewBox", "0 0 " + w + " " + ht, "role", "img",
                "aria-label", "Error budget remaining over the window for " + b.pipeline());
        h.el("title", "Error budget remaining for " + b.pipeline() + " over the last " + Fmt.duration(b.policy().window()));
        // zones: overspent (below 0) and nearly spent (0..25%)
        double yZero = y(0, yMin, yMax, top, ph);
        double y25 = y(0.25, yMin, yMax, top, ph);
        h.empty("rect", "x", n(left), "y", n(y25), "width", n(pw), "height", n(yZero - y25), "fill", "#fff8e5");
        if (yMin < 0) {
            h.empty("rect", "x", n(left), "y", n(yZero), "width", n(pw), "height", n(top + ph - yZero), "fill", "#ffebe9");
        }
        double step = yMax - yMin <= 1.5 ? 0.25 : yMax - yMin <= 3.0 ? 0.5 : 1.0;
        for (double g = yMax; g >= yMin - 1e-9; g -= step) {
            double yy = y(g, yMin, yMax, top, ph);
            h.empty("line", "x1", n(left), "y1", n(yy), "x2", n(left + pw), "y2", n(yy), "stroke", GRID,
                    "stroke-width", Math.abs(g) < 1e-9 ? "1.5" : "1");
            h.el("text", Math.round(g * 100) + "%", "x", n(left - 6), "y", n(yy + 4), "text-anchor", "end",
                    "class", "axis");
        }
        for (int i = 0; i <= 3; i++) {
            long t = x0 + (x1 - x0) * i / 3;
            double xx = left + pw * (double) i / 3;
            h.el("text", DAY.format(Instant.ofEpochMilli(t)), "x", n(xx), "y", n(top + ph + 18),
                    "text-anchor", i == 0 ? "start" : i == 3 ? "end" : "middle", "class", "axis");
        }
        line(h, pts, true, x0, x1, yMin, yMax, left, top, pw, ph, BLUE);
        line(h, pts, false, x0, x1, yMin, yMax, left, top, pw, ph, PURPLE);
        // legend
        int lx = left + 8;
        h.empty("rect", "x", n(lx), "y", n(top + ph - 34), "width", "10", "height", "10", "fill", BLUE, "rx", "2");
        h.el("text", "records " + Fmt.percent(b.records().remaining()), "x", n(lx + 14), "y", n(top + ph - 25),
                "class", "legend");
        h.empty("rect", "x", n(lx), "y", n(top + ph - 18), "width", "10", "height", "10", "fill", PURPLE, "rx", "2");
        h.el("text", "runs " + Fmt.percent(b.runs().remaining()), "x", n(lx + 14), "y", n(top + ph - 9),
                "class", "legend");
        h.close("svg");
    }

    private static void line(Html h, List<BudgetPoint> pts, boolean records, long x0, long x1, double yMin,
                             double yMax, int left, int top, int pw, int ph, String colour) {
        StringBuilder path = new StringBuilder();
        path.append(n(left)).append(',').append(n(y(1.0, yMin, yMax, top, ph)));
        double lastX = left, lastY = y(1.0, yMin, yMax, top, ph);
        for (BudgetPoint p : pts) {
            double v = Math.max(yMin, records ? p.recordsRemaining() : p.runsRemaining());
            lastX = left + pw * (double) (p.at().toEpochMilli() - x0) / (x1 - x0);
            lastY = y(v, yMin, yMax, top, ph);
            path.append(' ').append(n(lastX)).append(',').append(n(lastY));
        }
        h.empty("polyline", "points", path.toString(), "fill", "none", "stroke", colour, "stroke-width", "2.2",
                "stroke-linejoin", "round");
        h.open("circle", "cx", n(lastX), "cy", n(lastY), "r", "3.5", "fill", colour);
        h.el("title", (records ? "Records" : "Runs") + " budget remaining now");
        h.close("circle");
    }

    /** One bar per day: {@code runs == true} the run failure rate, else the record failure rate. */
    public static void failuresPerDay(Html h, List<DayFailures> days, boolean runs) {
        int w = 420, ht = 170, left = 42, right = 8, top = 12, bottom = 26;
        int pw = w - left - right, ph = ht - top - bottom;
        double max = 0;
        for (DayFailures d : days) max = Math.max(max, runs ? d.failureRate() : d.recordFailureRate());
        double yMax = niceCeil(Math.max(max, runs ? 0.1 : 0.001));
        String what = runs ? "Run failure rate per day" : "Quarantined records per day";
        h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart", "width", String.valueOf(w),
                "height", String.valueOf(ht), "viewBox", "0 0 " + w + " " + ht, "role", "img", "aria-label", what);
        h.el("title", what);
        for (int i = 0; i <= 4; i++) {
            double v = yMax * i / 4;
            double yy = top + ph - ph * (double) i / 4;
            h.empty("line", "x1", n(left), "y1", n(yy), "x2", n(left + pw), "y2", n(yy), "stroke", GRID, "stroke-width", "1");
            h.el("text", Fmt.percent(v), "x", n(left - 5), "y", n(yy + 4), "text-anchor", "end", "class", "axis");
        }
        int nDays = Math.max(1, days.size());
        double slot = (double) pw / nDays;
        double bw = Math.max(1.5, slot * 0.72);
        for (int i = 0; i < days.size(); i++) {
            DayFailures d = days.get(i);
            double v = runs ? d.failureRate() : d.recordFailureRate();
            long count = runs ? d.runs() : d.records();
            double xx = left + slot * i + (slot - bw) / 2;
            String tip = d.day() + ": " + (runs
                    ? d.failedRuns() + " of " + d.runs() + " runs failed (" + Fmt.percent(d.failureRate()) + ")"
                    : Fmt.count(d.failedRecords()) + " of " + Fmt.count(d.records()) + " records quarantined ("
                            + Fmt.percent(d.recordFailureRate()) + ")");
            if (count == 0) {
                h.open("rect", "x", n(xx), "y", n(top + ph - 2), "width", n(bw), "height", "2", "fill", GRID);
            } else {
                double bh = Math.max(v > 0 ? 2 : 1, ph * Math.min(v, yMax) / yMax);
                String fill = v == 0 ? GREEN : runs ? RED : AMBER;
                h.open("rect", "x", n(xx), "y", n(top + ph - bh), "width", n(bw), "height", n(bh), "fill", fill,
                        "rx", "1.5", "opacity", v == 0 ? "0.45" : "0.85");
            }
            h.el("title", count == 0 ? d.day() + ": no " + (runs ? "runs" : "records") : tip);
            h.close("rect");
        }
        if (!days.isEmpty()) {
            h.el("text", DAY.format(days.get(0).day().atStartOfDay(ZoneOffset.UTC)), "x", n(left), "y", n(top + ph + 17),
                    "class", "axis");
            h.el("text", DAY.format(days.get(days.size() - 1).day().atStartOfDay(ZoneOffset.UTC)), "x", n(left + pw),
                    "y", n(top + ph + 17), "text-anchor", "end", "class", "axis");
        }
        h.close("svg");
    }

    /** Horizontal bars: occurrences in the window (filled) and in the previous window (outline). */
    public static void patterns(Html h, List<PatternEntry> patterns) {
        int rowH = 32, labelW = 330, barW = 330, top = 8, w = labelW + barW + 110;
        int ht = top * 2 + rowH * Math.max(1, patterns.size());
        long max = 1;
        for (PatternEntry p : patterns) max = Math.max(max, Math.max(p.occurrences(), p.previousOccurrences()));
        h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart", "width", String.valueOf(w),
                "height", String.valueOf(ht), "viewBox", "0 0 " + w + " " + ht, "role", "img",
                "aria-label", "Top error patterns by occurrences");
        h.el("title", "Top error patterns: occurrences in the window, previous window outlined");
        for (int i = 0; i < patterns.size(); i++) {
            PatternEntry p = patterns.get(i);
            double y = top + rowH * i;
            String label = (i + 1) + ". " + shortName(p.exceptionClass()) + " · " + p.pipeline();
            String sub = p.normalizedMessage() == null ? p.fingerprint() : p.normalizedMessage();
            h.open("g");
            h.el("title", p.pipeline() + " — " + p.exceptionClass() + ": " + (p.normalizedMessage() == null ? ""
                    : p.normalizedMessage()) + " (" + p.occurrences() + " now, " + p.previousOccurrences() + " before)");
            h.el("text", cut(label, 40), "x", "4", "y", n(y + 13), "class", "plabel");
            h.el("text", cut(sub, 48), "x", "4", "y", n(y + 26), "class", "psub");
            double prev = barW * (double) p.previousOccurrences() / max;
            double now = barW * (double) p.occurrences() / max;
            h.empty("rect", "x", n(labelW), "y", n(y + 7), "width", n(Math.max(1, now)), "height", "16", "rx", "2",
                    "fill", colour(p.trend()), "opacity", "0.85");
            if (p.previousOccurrences() > 0) {
                h.empty("rect", "x", n(labelW), "y", n(y + 5), "width", n(prev), "height", "20", "rx", "2",
                        "fill", "none", "stroke", INK, "stroke-dasharray", "3 2", "stroke-width", "1");
            }
            h.el("text", Fmt.count(p.occurrences()) + "  " + p.trend().name().toLowerCase(Locale.ROOT),
                    "x", n(labelW + Math.max(now, prev) + 6), "y", n(y + 20), "class", "pcount");
            h.close("g");
        }
        h.close("svg");
    }

    static String colour(Trend t) {
        return switch (t) {
            case NEW -> BLUE;
            case RISING -> RED;
            case FALLING -> GREEN;
            case STEADY -> GREY;
        };
    }

    static String shortName(String className) {
        if (className == null) return "?";
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }

    static String cut(String s, int max) {
        if (s == null) return "";
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static double niceCeil(double v) {
        double[] steps = {1, 2, 2.5, 5, 10};
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double s : steps) if (s * mag >= v - 1e-12) return s * mag;
        return 10 * mag;
    }

    private static double y(double v, double yMin, double yMax, int top, int ph) {
        return top + ph * (yMax - v) / (yMax - yMin);
    }

    private static String n(double d) {
        if (d == Math.rint(d)) return String.valueOf((long) d);
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
