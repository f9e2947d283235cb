package io.etlrecovery.cli.internal;

import io.etlrecovery.report.Reports;
import java.util.List;
import java.util.Optional;

/** Checks a {@code --pipeline} value against the pipelines the store knows, for a helpful usage error. */
public final class KnownPipelines {

    private KnownPipelines() {
    }

    /**
     * {@code empty} when {@code pipeline} is {@code null} (every pipeline) or one the store knows (it has run, or it
     * has a budget policy); otherwise the message of a usage error naming the known pipelines.
     */
    public static Optional<String> problem(Reports reports, String pipeline) {
        if (pipeline == null) return Optional.empty();
        List<String> known = reports.pipelines();
        if (known.contains(pipeline)) return Optional.empty();
        String list = known.isEmpty() ? "it has no pipelines yet (none has run)"
                : "its pipelines are: " + String.join(", ", known.stream().map(TerminalText::safe).toList());
        return Optional.of("No pipeline named '" + TerminalText.safe(pipeline) + "' in the store "
                + TerminalText.safe(reports.storeDescription()) + "; " + list + ".");
    }
}
