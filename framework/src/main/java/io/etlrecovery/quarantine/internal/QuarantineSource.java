package io.etlrecovery.quarantine.internal;

import io.etlrecovery.pipeline.Position;
import io.etlrecovery.pipeline.RecordCodec;
import io.etlrecovery.pipeline.Source;
import io.etlrecovery.pipeline.SourceRecord;
import java.util.Map;

/**
 * A source over quarantined records, for a reprocessing run: each {@link Item} is rebuilt with the pipeline's own
 * codec (from its fields when it has them, else from its raw text). A record that cannot be rebuilt comes back
 * failed, so the runner counts it as failed again. Positions keep the record's original number and line and carry
 * its quarantine id as key ({@code quarantine#17}), which is how {@link StatusHooks} find its row. Never resumed:
 * a reprocessing run that stops is not continued (its remaining records simply stay QUARANTINED).
 *
 * @param <T> the type of the pipeline source's values
 */
public final class QuarantineSource<T> implements Source<T> {

    static final String KEY_PREFIX = "quarantine#";

    /**
     * One record to feed.
     *
     * @param quarantineId its row
     * @param recordNumber its original record number, or null
     * @param lineNumber   its original line, or null
     * @param raw          the raw text: rebuilt from when {@code fields} is null
     * @param fields       the fields to rebuild it from, or null
     */
    public record Item(long quarantineId, Long recordNumber, Long lineNumber, String raw, Map<String, String> fields) {
    }

    /** Where the items come from; {@code next()} returns null at the end. */
    @FunctionalInterface
    public interface Feed {
        Item next() throws Exception;
    }

    private final Feed feed;
    private final RecordCodec<T> codec;
    private final String description;

    public QuarantineSource(Feed feed, RecordCodec<T> codec, String description) {
        this.feed = feed;
        this.codec = codec;
        this.description = description;
    }

    @Override
    public Cursor<T> open(Checkpoint resumeAfter) {
        if (resumeAfter != null && resumeAfter.last() != null) {
            throw new IllegalStateException("a reprocessing run is never resumed");
        }
        return new Cursor<>() {
            private Position last;

            @Override
            public SourceRecord<T> next() throws Exception {
                Item item = feed.next();
                if (item == null) return null;
                Position p = new Position(item.recordNumber() == null ? 0 : Math.max(0, item.recordNumber()),
                        item.lineNumber() == null ? 0 : Math.max(0, item.lineNumber()), KEY_PREFIX + item.quarantineId());
                last = p;
                try {
                    T value;
                    if (item.fields() != null) value = codec.fromFields(item.fields());
                    else if (item.raw() != null) value = codec.fromRaw(item.raw());
                    else throw new IllegalStateException("quarantine record " + item.quarantineId() + " was stored "
                                + "without raw text or fields, so it cannot be rebuilt: discard it");
                    if (value == null) throw new IllegalStateException("the pipeline's codec rebuilt no value");
                    return SourceRecord.parsed(p, item.raw(), value);
                } catch (Exception e) {
                    return SourceRecord.failed(p, item.raw(), e);
                }
            }

            @Override
            public Checkpoint checkpoint() {
                return new Checkpoint(last, null);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public RecordCodec<T> codec() {
        return codec;
    }

    /** The quarantine id a position of this source carries, or -1. */
    static long idOf(Position p) {
        return idOfKey(p.key());
    }

    /** The quarantine id a position key of this source carries (as a quarantine row keeps it), or -1. */
    static long idOfKey(String key) {
        if (key == null || !key.startsWith(KEY_PREFIX)) return -1;
        try {
            return Long.parseLong(key.substring(KEY_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
