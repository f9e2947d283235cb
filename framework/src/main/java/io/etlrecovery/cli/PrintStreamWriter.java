package io.etlrecovery.cli;

import java.io.PrintStream;
import java.io.Writer;
import java.nio.CharBuffer;

/** A writer onto a print stream that keeps the stream's own charset (Java 17 cannot ask a PrintStream for it). */
final class PrintStreamWriter extends Writer {
    private final PrintStream stream;

    PrintStreamWriter(PrintStream stream) {
        this.stream = stream;
    }

    @Override
    public void write(char[] buf, int off, int len) {
        stream.append(CharBuffer.wrap(buf, off, len));
    }

    @Override
    public void write(String s, int off, int len) {
        stream.append(s, off, off + len);
    }

    @Override
    public void flush() {
        stream.flush();
    }

    @Override
    public void close() {
        stream.flush(); // the stream belongs to the caller
    }
}
