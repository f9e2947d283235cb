package io.etlrecovery.report;

import io.etlrecovery.health.HealthReport;
import io.etlrecovery.io.AtomicFiles;
import io.etlrecovery.report.internal.HtmlRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The operations report as one self-contained HTML file: a summary (status per pipeline, alerts firing), error
 * budgets with burn-down charts, failure rates per day, the top error patterns and system health. Charts are
 * inline SVG drawn here, the styles are inline, there are no scripts and no links to the network, so the file
 * opens anywhere, offline, with scripts disabled. The markup is XHTML (it parses as XML), and every value taken
 * from the store is escaped, so record content such as {@code <script>} shows as text.
 *
 * <p>The file is written to a temporary file in the target's directory and renamed over the target, so it is
 * never seen half-written.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /** Writes the report of every pipeline with the default {@link Options} to {@code out}; returns {@code out}. */
    public static Path write(Reports reports, Path out) {
        return write(reports, out, Options.defaults());
    }

    /**
     * Writes the report to {@code out} (replacing it atomically where the file system allows); returns {@code out}.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public static Path write(Reports reports, Path out, Options options) {
        Objects.requireNonNull(out, "out");
        String html = render(reports, options);
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        try {
            if (dir != null) Files.createDirectories(dir);
            AtomicFiles.write(target, w -> w.write(html));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report to " + target + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The report as a string of XHTML. */
    public static String render(Reports reports, Options options) {
        Objects.requireNonNull(reports, "reports");
        Objects.requireNonNull(options, "options");
        List<BudgetReport> budgets = options.pipeline() == null ? reports.budgets()
                : List.of(reports.budget(options.pipeline()));
        FailureReport failures = reports.failures(new FailureQuery(options.pipeline(), options.failureDays(),
                HtmlRendererLimits.RUNS, HtmlRendererLimits.STOP_CAUSES));
        PatternReport patterns = reports.patterns(new PatternQuery(options.pipeline(), options.patternTop(),
                options.patternDays()));
        HealthReport health = options.includeHealth() ? reports.health() : null;
        String scope = options.pipeline() == null ? "all pipelines" : "pipeline " + options.pipeline();
        return HtmlRenderer.render(options.title(), reports.clock().instant(), reports.storeDescription(), scope,
                budgets, failures, patterns, health);
    }

    private static final class HtmlRendererLimits {
        static final int RUNS = 10;
        static final int STOP_CAUSES = 5;
    }

    /**
     * What the HTML report covers: one pipeline or all (default), the top {@code patternTop} patterns (default 10)
     * over {@code patternDays} days (default 7), failure analysis over {@code failureDays} days (default 30), with or
     * without the system health section (default with), under {@code title} (default "etl-recovery report").
     * Immutable; made by {@link #builder()}, whose setters validate at once.
     */
    public static final class Options {
        private static final Options DEFAULTS = builder().build();

        private final String pipeline;
        private final int patternTop;
        private final int patternDays;
        private final int failureDays;
        private final boolean includeHealth;
        private final String title;

        private Options(Builder b) {
            this.pipeline = b.pipeline;
            this.patternTop = b.patternTop;
            this.patternDays = b.patternDays;
            this.failureDays = b.failureDays;
            this.includeHealth = b.includeHealth;
            this.title = b.title;
        }

        /** Every pipeline, top 10 patterns over 7 days, failures over 30 days, health included. */
        public static Options defaults() {
            return DEFAULTS;
        }

        public static Builder builder() {
            return new Builder();
        }

        /** The pipeline, or {@code null} for all. */
        public String pipeline() {
            return pipeline;
        }

        public int patternTop() {
            return patternTop;
        }

        public int patternDays() {
            return patternDays;
        }

        public int failureDays() {
            return failureDays;
        }

        public boolean includeHealth() {
            return includeHealth;
        }

        public String title() {
            return title;
        }

        /** Builds {@link Options}; setters validate at once. Not thread-safe. */
        public static final class Builder {
            private String pipeline;
            private int patternTop = PatternQuery.DEFAULT_TOP;
            private int patternDays = PatternQuery.DEFAULT_DAYS;
            private int failureDays = FailureQuery.DEFAULT_DAYS;
            private boolean includeHealth = true;
            private String title = "etl-recovery report";

            private Builder() {
            }

            /** One pipeline; {@code null} (the default) for all. */
            public Builder pipeline(String pipeline) {
                if (pipeline != null && pipeline.isBlank()) throw new IllegalArgumentException("pipeline must not be blank");
                this.pipeline = pipeline;
                return this;
            }

            /** Patterns shown (default 10), 1 to 100. */
            public Builder patternTop(int top) {
                if (top < 1 || top > 100) throw new IllegalArgumentException("patternTop must be 1 to 100, was " + top);
                this.patternTop = top;
                return this;
            }

            /** The patterns' window in days (default 7), 1 to 3,660. */
            public Builder patternDays(int days) {
                this.patternDays = FailureQuery.checkDays("patternDays", days);
                return this;
            }

            /** Failure analysis period in days (default 30), 1 to 3,660. */
            public Builder failureDays(int days) {
                this.failureDays = FailureQuery.checkDays("failureDays", days);
                return this;
            }

            /** Whether to check and show system health (default true). */
            public Builder includeHealth(boolean include) {
                this.includeHealth = include;
                return this;
            }

            /** The page title (default "etl-recovery report"). */
            public Builder title(String title) {
                if (title == null || title.isBlank()) throw new IllegalArgumentException("title must not be blank");
                this.title = title;
                return this;
            }

            public Options build() {
                return new Options(this);
            }
        }
    }
}
