package io.etlrecovery.io.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;

/**
 * Decodes a file into characters, replacing each malformed or unmappable byte sequence by U+FFFD and (when
 * asked) remembering the character offset of each replacement, so that a caller can tell which record held
 * invalid bytes. A byte order mark (U+FEFF) at byte 0 is dropped: character offsets count from the first
 * character after it.
 *
 * <p>For charsets whose decoders keep no state between calls ({@link #isSeekable}), it also remembers
 * <em>seek points</em>: pairs (character offset, byte offset) at which decoding can restart, so that a read
 * can resume in the middle of a file without decoding its prefix. Not thread-safe.
 */
public final class FileCharDecoder implements Closeable {

    private static final int BYTE_BUFFER = 1 << 16;
    private static final Set<Charset> STATELESS = Set.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII,
            StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE);

    private final FileChannel channel;
    private final ByteBuffer bytes = ByteBuffer.allocate(BYTE_BUFFER);
    private final CharsetDecoder decoder;
    private final boolean recordMalformed;
    private final boolean seekable;
    private long bytesRead;          // absolute byte offset of the end of what was read from the channel
    private long charsOut;           // absolute character offset of the next character returned
    private boolean inputEnded;
    private boolean flushing;
    private boolean finished;
    private boolean atFileStart;

    private long[] malformed = new long[16];
    private int malformedHead;
    private int malformedTail;

    private long[] seekChars = new long[16];
    private long[] seekBytes = new long[16];
    private int seekCount;

    private FileCharDecoder(FileChannel channel, Charset charset, boolean recordMalformed, long byteOffset,
                            long charOffset) {
        this.channel = channel;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.recordMalformed = recordMalformed;
        this.seekable = isSeekable(charset);
        this.bytesRead = byteOffset;
        this.charsOut = charOffset;
        this.atFileStart = byteOffset == 0;
        bytes.flip();
        addSeekPoint(charOffset, byteOffset);
    }

    /**
     * Opens {@code file} for decoding from {@code byteOffset}, which must be 0 or a seek point returned by an
     * earlier decoder of the same file and charset; {@code charOffset} is the character offset it stands for.
     */
    public static FileCharDecoder open(Path file, Charset charset, boolean recordMalformed, long byteOffset,
                                       long charOffset) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            if (byteOffset > 0) {
                channel.position(byteOffset);
            }
            return new FileCharDecoder(channel, charset, recordMalformed, byteOffset, charOffset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Whether decoding {@code charset} can restart at a seek point (its decoder keeps no state across calls). */
    public static boolean isSeekable(Charset charset) {
        if (STATELESS.contains(charset)) {
            return true;
        }
        try {
            return charset.canEncode() && charset.newEncoder().maxBytesPerChar() == 1.0f;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Decodes up to {@code len} characters into {@code dst}; returns how many (at least 1), or -1 at the end
     * of the file.
     */
    public int read(char[] dst, int off, int len) throws IOException {
        while (true) {
            int n = decodeSome(dst, off, len);
            if (n < 0) {
                return -1;
            }
            int firstMalformed = malformedTail;
            if (atFileStart && n > 0) {
                atFileStart = false;
                if (dst[off] == '\uFEFF') {
                    System.arraycopy(dst, off + 1, dst, off, n - 1);
                    n--;
                    // replacements recorded in this call were counted with the mark in front of them
                    for (int i = malformedHead; i < firstMalformed; i++) {
                        malformed[i]--;
                    }
                }
            }
            charsOut += n;
            if (seekable && !inputEnded) {
                addSeekPoint(charsOut, bytesRead - bytes.remaining());
            }
            if (n > 0) {
                return n;
            }
        }
    }

    private int decodeSome(char[] dst, int off, int len) throws IOException {
        if (finished) {
            return -1;
        }
        CharBuffer out = CharBuffer.wrap(dst, off, len);
        while (out.position() == off) {
            CoderResult result = flushing ? decoder.flush(out) : decoder.decode(bytes, out, inputEnded);
            if (result.isUnderflow()) {
                if (flushing) {
                    finished = true;
                    break;
                }
                if (inputEnded) {
                    flushing = true;
                } else {
                    fillBytes();
                }
            } else if (result.isOverflow()) {
                break;
            } else {
                bytes.position(bytes.position() + result.length());
                if (recordMalformed) {
                    addMalformed(charsOut + (out.position() - off));
                }
                out.put('\uFFFD');
            }
        }
        int n = out.position() - off;
        return n == 0 && finished ? -1 : n;
    }

    private void fillBytes() throws IOException {
        bytes.compact();
        int n = channel.read(bytes);
        bytes.flip();
        if (n < 0) {
            inputEnded = true;
        } else {
            bytesRead += n;
        }
    }

    /** The absolute offset of the next byte the decoder will consume (an estimate of progress). */
    public long bytePosition() {
        return bytesRead - bytes.remaining();
    }

    /** The character offset of the oldest recorded replacement not yet dropped, or {@link Long#MAX_VALUE}. */
    public long firstMalformed() {
        return malformedHead < malformedTail ? malformed[malformedHead] : Long.MAX_VALUE;
    }

    /** Forgets the replacements at character offsets before {@code offset}. */
    public void dropMalformedBefore(long offset) {
        while (malformedHead < malformedTail && malformed[malformedHead] < offset) {
            malformedHead++;
        }
        if (malformedHead == malformedTail) {
            malformedHead = 0;
            malformedTail = 0;
        }
    }

    private void addMalformed(long offset) {
        if (malformedTail == malformed.length) {
            if (malformedHead > 0) {
                System.arraycopy(malformed, malformedHead, malformed, 0, malformedTail - malformedHead);
                malformedTail -= malformedHead;
                malformedHead = 0;
            } else {
                malformed = Arrays.copyOf(malformed, malformed.length * 2);
            }
        }
        malformed[malformedTail++] = offset;
    }

    private void addSeekPoint(long charOffset, long byteOffset) {
        if (seekCount > 0 && seekChars[seekCount - 1] == charOffset) {
            return;
        }
        if (seekCount == seekChars.length) {
            seekChars = Arrays.copyOf(seekChars, seekCount * 2);
            seekBytes = Arrays.copyOf(seekBytes, seekCount * 2);
        }
        seekChars[seekCount] = charOffset;
        seekBytes[seekCount] = byteOffset;
        seekCount++;
    }

    /**
     * Forgets seek points that are no longer needed to restart at or before {@code offset}: it keeps the
     * last point at or before it and every later one.
     */
    public void pruneSeekPoints(long offset) {
        int keep = 0;
        while (keep + 1 < seekCount && seekChars[keep + 1] <= offset) {
            keep++;
        }
        if (keep > 0) {
            System.arraycopy(seekChars, keep, seekChars, 0, seekCount - keep);
            System.arraycopy(seekBytes, keep, seekBytes, 0, seekCount - keep);
            seekCount -= keep;
        }
    }

    /**
     * The latest seek point at or before character offset {@code offset}, as {@code {charOffset, byteOffset}},
     * or {@code null} when none is known (then decoding must restart at the start of the file).
     */
    public long[] seekPointAtOrBefore(long offset) {
        for (int i = seekCount - 1; i >= 0; i--) {
            if (seekChars[i] <= offset) {
                return new long[] {seekChars[i], seekBytes[i]};
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
