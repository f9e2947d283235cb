package io.etlrecovery.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that readers see either the old content or the whole new content, never a half-written file:
 * the content goes to a temporary file next to the target ({@code .<name>.<random>.tmp}), is forced to disk, and
 * the temporary file is renamed over the target (atomically where the file system can; otherwise a plain replace).
 * If the callback or the write fails, the temporary file is deleted and the target is left as it was.
 *
 * <p>The target's directory must exist. A new file gets the permissions the process's umask gives; the text
 * variant writes UTF-8.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes text content; may fail with {@code X} too (say, an {@code SQLException} while reading a table). */
    @FunctionalInterface
    public interface WriterCallback<X extends Exception> {
        /** Writes the whole content to {@code out}; need not flush or close it. */
        void write(Writer out) throws IOException, X;
    }

    /** Writes binary content; may fail with {@code X} too. */
    @FunctionalInterface
    public interface StreamCallback<X extends Exception> {
        /** Writes the whole content to {@code out}; need not flush or close it. */
        void write(OutputStream out) throws IOException, X;
    }

    /** Replaces {@code target} with the UTF-8 text {@code callback} writes. */
    public static <X extends Exception> void write(Path target, WriterCallback<X> callback) throws IOException, X {
        Objects.requireNonNull(callback, "callback");
        writeBytes(target, stream -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            callback.write(w);
            w.flush();
        });
    }

    /** Replaces {@code target} with the bytes {@code callback} writes. */
    public static <X extends Exception> void writeBytes(Path target, StreamCallback<X> callback) throws IOException, X {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(callback, "callback");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = dir.resolve("." + absolute.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(ch);
                callback.write(out);
                out.flush();
                ch.force(true);
            }
            move(tmp, absolute);
        } catch (Exception | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        syncDirectory(dir);
    }

    /**
     * Renames the complete file {@code from} over {@code target}: atomically where the file system can, otherwise a
     * plain replace. Both must be in the same directory for the rename to be atomic.
     */
    public static void replace(Path from, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        move(from, absolute);
        syncDirectory(absolute.getParent());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void syncDirectory(Path dir) {
        // makes the rename durable on POSIX file systems; not possible (and not needed) everywhere
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the file itself is complete; only the rename's durability across a power loss is weaker
        }
    }
}
