package io.etlrecovery.quarantine;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which quarantined records of a pipeline to feed through it again, and with which values. Immutable; made by
 * {@link #all()}, {@link #ofRun(long)}, {@link #fromExport(Path)} or {@link #builder()}.
 *
 * <ul>
 *   <li>Without an export file: every QUARANTINED record of the pipeline (or of one run), with its values as
 *       stored.</li>
 *   <li>With an export file ({@link Quarantine#export}, corrected by a person): exactly the records listed in it,
 *       matched by {@code quarantine_id}, with the file's values. With a run as well, rows of other runs are
 *       skipped.</li>
 * </ul>
 * Defaults: all runs, values as stored, the runner's batch size.
 */
public final class ReprocessRequest {

    private final Long runId;
    private final Path exportFile;
    private final Integer batchSize;

    private ReprocessRequest(Builder b) {
        this.runId = b.runId;
        this.exportFile = b.exportFile;
        this.batchSize = b.batchSize;
    }

    /** Every QUARANTINED record of the pipeline, as stored. */
    public static ReprocessRequest all() {
        return builder().build();
    }

    /** Every QUARANTINED record of run {@code runId}, as stored. */
    public static ReprocessRequest ofRun(long runId) {
        return builder().run(runId).build();
    }

    /** Exactly the records listed in the corrected export {@code file}, with its values. */
    public static ReprocessRequest fromExport(Path file) {
        return builder().fromExport(file).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The run whose records are reprocessed, if only one run's. */
    public OptionalLong runId() {
        return runId == null ? OptionalLong.empty() : OptionalLong.of(runId);
    }

    /** The corrected export to take records and values from, if any. */
    public Optional<Path> exportFile() {
        return Optional.ofNullable(exportFile);
    }

    /** Records per batch, if not the runner's default. */
    public Optional<Integer> batchSize() {
        return Optional.ofNullable(batchSize);
    }

    @Override
    public String toString() {
        return "ReprocessRequest{runId=" + runId + ", exportFile=" + exportFile + ", batchSize=" + batchSize + "}";
    }

    /** Builds a {@link ReprocessRequest}; each setter validates at once. */
    public static final class Builder {
        private Long runId;
        private Path exportFile;
        private Integer batchSize;

        private Builder() {
        }

        /** Only records quarantined by this run; default every run of the pipeline. */
        public Builder run(long runId) {
            if (runId < 1) throw new IllegalArgumentException("runId must be >= 1, was " + runId);
            this.runId = runId;
            return this;
        }

        /**
         * Take the records, and their values, from this corrected export; default none (every QUARANTINED record,
         * as stored). The file is read when the request is carried out.
         */
        public Builder fromExport(Path file) {
            this.exportFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Records per batch; default the runner's batch size (1,000 unless configured). */
        public Builder batchSize(int records) {
            if (records < 1) throw new IllegalArgumentException("batchSize must be >= 1, was " + records);
            this.batchSize = records;
            return this;
        }

        public ReprocessRequest build() {
            return new ReprocessRequest(this);
        }
    }
}
