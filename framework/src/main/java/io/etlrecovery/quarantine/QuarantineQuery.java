package io.etlrecovery.quarantine;

import java.util.Objects;

/**
 * Which quarantined records to list: optionally of one pipeline, one run and one status, at most {@code limit}
 * of them, by id (oldest first), after a given id for paging. Immutable; made by {@link #builder()}.
 *
 * <p>Defaults: every pipeline, every run, every status, no lower id bound, at most 100 records.
 */
public final class QuarantineQuery {

    /** The most records one query returns. */
    public static final int MAX_LIMIT = 100_000;

    private final String pipeline;
    private final Long runId;
    private final QuarantineStatus status;
    private final long afterId;
    private final int limit;

    private QuarantineQuery(Builder b) {
        this.pipeline = b.pipeline;
        this.runId = b.runId;
        this.status = b.status;
        this.afterId = b.afterId;
        this.limit = b.limit;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The pipeline, or {@code null} for all. */
    public String pipeline() {
        return pipeline;
    }

    /** The run, or {@code null} for all. */
    public Long runId() {
        return runId;
    }

    /** The status, or {@code null} for all. */
    public QuarantineStatus status() {
        return status;
    }

    /** Only records with a larger id than this (0: from the first). */
    public long afterId() {
        return afterId;
    }

    /** At most this many records. */
    public int limit() {
        return limit;
    }

    @Override
    public String toString() {
        return "QuarantineQuery{pipeline=" + pipeline + ", runId=" + runId + ", status=" + status + ", afterId="
                + afterId + ", limit=" + limit + "}";
    }

    /** Builds a {@link QuarantineQuery}; each setter validates at once. */
    public static final class Builder {
        private String pipeline;
        private Long runId;
        private QuarantineStatus status;
        private long afterId;
        private int limit = 100;

        private Builder() {
        }

        /** Only records of this pipeline; default all pipelines. */
        public Builder pipeline(String pipeline) {
            Objects.requireNonNull(pipeline, "pipeline");
            if (pipeline.isBlank()) throw new IllegalArgumentException("pipeline must not be blank");
            this.pipeline = pipeline;
            return this;
        }

        /** Only records quarantined by this run; default all runs. */
        public Builder run(long runId) {
            if (runId < 1) throw new IllegalArgumentException("runId must be >= 1, was " + runId);
            this.runId = runId;
            return this;
        }

        /** Only records in this status; default every status. */
        public Builder status(QuarantineStatus status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /** Only records with an id above {@code id} (the last id of the previous page); default 0. */
        public Builder afterId(long id) {
            if (id < 0) throw new IllegalArgumentException("afterId must be >= 0, was " + id);
            this.afterId = id;
            return this;
        }

        /** At most this many records, 1 to {@value #MAX_LIMIT}; default 100. */
        public Builder limit(int limit) {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
            }
            this.limit = limit;
            return this;
        }

        public QuarantineQuery build() {
            return new QuarantineQuery(this);
        }
    }
}
