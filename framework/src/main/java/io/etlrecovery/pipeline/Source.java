package io.etlrecovery.pipeline;

/**
 * A resumable supplier of records for a batch step: a file, a table, a queue.
 *
 * <p>Contract: {@link #open(Checkpoint)} with the checkpoint of the last committed batch continues right
 * after that batch's last record, so that no record is read twice across a resume and none is skipped. The
 * runner stores {@link Cursor#checkpoint()} in the same transaction as the batch it ends.
 *
 * @param <T> the type of the parsed records
 */
public interface Source<T> {

    /**
     * Opens a cursor over the records after {@code resumeAfter}, or from the start when it is
     * {@code null}.
     */
    Cursor<T> open(Checkpoint resumeAfter) throws Exception;

    /**
     * A fingerprint of the input (for a file: its size and SHA-256), recorded with the run so that a resume
     * over changed input, or a second load of the same input, is refused. {@code null} when the source
     * cannot tell (then neither check applies).
     */
    default String fingerprint() throws Exception {
        return null;
    }

    /** A name for the input, shown to people and stored with the run (for a file: its path). */
    default String describe() {
        return getClass().getSimpleName();
    }

    /** How this source's values are stored in quarantine and rebuilt for reprocessing. */
    RecordCodec<T> codec();

    /**
     * An open read over a source; not thread-safe, used by one runner thread.
     *
     * @param <T> the type of the parsed records
     */
    interface Cursor<T> extends AutoCloseable {

        /**
         * The next record, or {@code null} at the end. A record that cannot be parsed is returned with its
         * parse error, never thrown; an exception here means the source itself failed (an I/O error).
         */
        SourceRecord<T> next() throws Exception;

        /** The checkpoint right after the last record {@link #next()} returned. */
        Checkpoint checkpoint();

        /** How much of the input has been read, from 0 to 1, or a negative number when unknown. */
        default double fractionRead() {
            return -1;
        }

        @Override
        void close() throws Exception;
    }

    /**
     * Where a source stopped: the last record's position and whatever the source needs to continue after it
     * (for a file, the character offset of the next record).
     *
     * @param last the position of the last record read, or {@code null} before the first
     * @param data the source's own resume data (short text; JSON by convention), or {@code null}
     */
    record Checkpoint(Position last, String data) {
    }
}
