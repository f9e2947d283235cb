package io.etlrecovery.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Decides where a batch ends: the runner commits the batch (sink writes, checkpoint, quarantine and error rows,
 * in one transaction) as soon as {@link #isComplete(BatchProgress)} says so, and at the end of the input.
 * Every input record counts, good and bad alike.
 *
 * <p>The default is {@code everyRecords(1000)}.
 */
@FunctionalInterface
public interface CheckpointStrategy {

    /** Whether the batch read so far should be committed now. */
    boolean isComplete(BatchProgress progress);

    /** A batch ends after {@code records} input records. */
    static CheckpointStrategy everyRecords(int records) {
        if (records < 1) throw new IllegalArgumentException("records must be >= 1, was " + records);
        return p -> p.records() >= records;
    }

    /** A batch ends once {@code interval} has passed since its first record was read. */
    static CheckpointStrategy every(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        return p -> p.elapsed().compareTo(interval) >= 0;
    }

    /** A batch ends after {@code records} records or {@code interval}, whichever comes first. */
    static CheckpointStrategy everyRecordsOr(int records, Duration interval) {
        return everyRecords(records).or(every(interval));
    }

    /** A batch ends when {@code predicate} holds for the progress so far (for example at a key change). */
    static CheckpointStrategy when(Predicate<BatchProgress> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return predicate::test;
    }

    /** Ends a batch when this strategy or {@code other} says so. */
    default CheckpointStrategy or(CheckpointStrategy other) {
        Objects.requireNonNull(other, "other");
        return p -> isComplete(p) || other.isComplete(p);
    }

    /**
     * The batch read so far.
     *
     * @param records    how many input records it holds (good and bad)
     * @param elapsed    time since its first record was read (by the runner's clock)
     * @param lastRecord the last record read
     */
    record BatchProgress(int records, Duration elapsed, SourceRecord<?> lastRecord) {
    }
}
