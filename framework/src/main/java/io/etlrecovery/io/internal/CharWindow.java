package io.etlrecovery.io.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * A sliding window over the characters of a {@link FileCharDecoder}, addressed by absolute character
 * offsets, that feeds a parser and keeps what the caller still needs to look at.
 *
 * <p>Two cursors share the window. The <em>delivery</em> cursor hands characters to a parser through
 * {@link #parserReader()}, never past a <em>cap</em> (asking for more throws {@link LimitReached} and sets
 * {@link #capReached()}), which bounds how much a single record can make the parser read. The caller scans
 * the same characters by offset ({@link #ensure}, {@link #charAt}, {@link #array}) and declares with
 * {@link #keepFrom} which prefix may be discarded; the window only grows beyond its initial size for the
 * characters between that point and the delivery cursor. Not thread-safe.
 */
public final class CharWindow {

    private static final int INITIAL = 1 << 16;
    private static final int MIN_READ = 1 << 13;
    private static final int READ_CHUNK = 1 << 13;

    private FileCharDecoder source;
    private char[] buf = new char[INITIAL];
    private long base;
    private int fill;
    private boolean eof;
    private long keepFrom;
    private long deliver;
    private long cap = Long.MAX_VALUE;
    private boolean capReached;
    private boolean eofDelivered;
    private IOException failure;

    /** A window over {@code source}, whose next character has absolute offset {@code offset}. */
    public CharWindow(FileCharDecoder source, long offset) {
        this.source = source;
        this.base = offset;
        this.keepFrom = offset;
        this.deliver = offset;
    }

    /** Thrown to a parser that asks for characters beyond the cap; carries no stack trace. */
    public static final class LimitReached extends IOException {
        LimitReached() {
            super("record longer than the configured limit");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** The decoder the window reads from. */
    public FileCharDecoder source() {
        return source;
    }

    /** The characters, addressed from {@link #base()}; valid up to {@link #limit()}; may change on any fill. */
    public char[] array() {
        return buf;
    }

    /** The absolute offset of {@code array()[0]}. */
    public long base() {
        return base;
    }

    /** How many characters of {@link #array()} are valid. */
    public int limit() {
        return fill;
    }

    /**
     * Makes the character at {@code offset} available (reading ahead as needed); returns {@code false} when
     * the input ends before it. {@code offset} must not be before the retained part of the window.
     */
    public boolean ensure(long offset) throws IOException {
        while (offset >= base + fill) {
            if (!fillMore()) {
                return false;
            }
        }
        return true;
    }

    /** The character at {@code offset}, which an earlier {@link #ensure} made available. */
    public char charAt(long offset) {
        return buf[(int) (offset - base)];
    }

    /** The text between two available offsets. */
    public String text(long from, long to) {
        return new String(buf, (int) (from - base), (int) (to - from));
    }

    /** Allows the window to discard everything before {@code offset}. */
    public void keepFrom(long offset) {
        if (offset > keepFrom) {
            keepFrom = offset;
        }
    }

    /** Stops delivery to the parser at {@code offset} (exclusive). */
    public void setCap(long offset) {
        cap = offset;
    }

    /** Whether a parser asked for characters beyond the cap since the last {@link #startDelivery}. */
    public boolean capReached() {
        return capReached;
    }

    /** Whether the parser has been told that the input ended since the last {@link #startDelivery}. */
    public boolean eofDelivered() {
        return eofDelivered;
    }

    /** The I/O error met while reading for the parser, if any (the parser sees it wrapped). */
    public IOException failure() {
        return failure;
    }

    /**
     * Restarts delivery at {@code offset} (for a new parser); characters at and after it that are still in
     * the window are delivered again. Skips forward, discarding, if {@code offset} is beyond what was read.
     */
    public void startDelivery(long offset) throws IOException {
        if (offset < base) {
            throw new IllegalStateException("offset " + offset + " was already discarded (window starts at " + base + ")");
        }
        keepFrom(offset);
        while (offset > base + fill && fillMore()) {
            // skipping
        }
        deliver = offset;
        capReached = false;
        eofDelivered = false;
    }

    /**
     * Replaces the decoder by {@code newSource}, whose next character has offset {@code sourceOffset}, and
     * skips to {@code offset} (for rereading a part that was discarded).
     */
    public void restart(FileCharDecoder newSource, long sourceOffset, long offset) throws IOException {
        FileCharDecoder old = source;
        source = newSource;
        base = sourceOffset;
        fill = 0;
        eof = false;
        keepFrom = sourceOffset;
        old.close();
        startDelivery(offset);
    }

    /** A reader for one parser: delivers from the delivery cursor; closing it does nothing. */
    public Reader parserReader() {
        return new Reader() {
            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                return deliverTo(cbuf, off, len);
            }

            @Override
            public void close() {
                // the window outlives its parsers
            }
        };
    }

    private int deliverTo(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (deliver >= cap) {
            capReached = true;
            throw new LimitReached();
        }
        int index = (int) (deliver - base);
        if (index >= fill) {
            boolean more;
            try {
                more = fillMore();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            if (!more) {
                eofDelivered = true;
                return -1;
            }
            index = (int) (deliver - base);
        }
        int n = (int) Math.min(Math.min(len, fill - index), cap - deliver);
        System.arraycopy(buf, index, cbuf, off, n);
        deliver += n;
        return n;
    }

    private boolean fillMore() throws IOException {
        if (eof) {
            return false;
        }
        if (buf.length - fill < MIN_READ) {
            int discard = (int) Math.min(Math.max(keepFrom - base, 0), fill);
            if (discard > 0) {
                System.arraycopy(buf, discard, buf, 0, fill - discard);
                base += discard;
                fill -= discard;
                source.pruneSeekPoints(keepFrom);
            }
            if (buf.length - fill < MIN_READ) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, fill + MIN_READ));
            }
        }
        int n = source.read(buf, fill, Math.min(buf.length - fill, READ_CHUNK));
        if (n < 0) {
            eof = true;
            return false;
        }
        fill += n;
        return true;
    }

    /** Closes the decoder. */
    public void close() throws IOException {
        source.close();
    }
}
