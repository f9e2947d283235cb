package io.etlrecovery.cli.internal;

import io.etlrecovery.recovery.Redactor;

/** Text from outside the program (messages, URLs, record content) made fit to print: redacted and terminal-safe. */
public final class Printable {
    private Printable() {
    }

    /** On one line: line breaks become visible escapes. */
    public static String line(String text) {
        return TerminalText.safe(Redactor.defaults().redact(text == null ? "" : text));
    }

    /** Keeping line breaks. */
    public static String lines(String text) {
        return TerminalText.safeMultiline(Redactor.defaults().redact(text == null ? "" : text));
    }
}
