package io.etlrecovery.cli.internal;

/**
 * Makes text safe to print to a terminal: characters a terminal would act on instead of showing are replaced
 * by visible escapes, so record content or a message cannot move the cursor, change colours, rewrite the
 * title, hide text or reverse its direction.
 *
 * <p>Replaced: the C0 controls except tab ({@code ESC} becomes {@code \x1b}, {@code \n} and {@code \r} become
 * {@code \n} and {@code \r} as two visible characters), DEL ({@code \x7f}), the C1 controls U+0080 to U+009F
 * ({@code \x9b}), and the bidirectional embedding, override and isolate characters U+202A to U+202E and U+2066 to
 * U+2069 ({@code \u202e}). Everything else, including other non-ASCII text, is kept. The escapes are for people
 * to read; they are not reversible (a literal {@code \x1b} in the input stays as it is). Text that needs no
 * change is returned as the same instance, without copying.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** The text on one line: every replaced character, line breaks included, becomes a visible escape. */
    public static String safe(String text) {
        return escape(text, false, false);
    }

    /** Like {@link #safe} but keeps line breaks ({@code \n}, and {@code \r} directly before {@code \n}). */
    public static String safeMultiline(String text) {
        return escape(text, true, false);
    }

    /**
     * Like {@link #safe} but keeps tab, {@code \n} and {@code \r}: for values written into CSV, where the CSV
     * quoting carries line breaks.
     */
    public static String safeKeepingLineBreaks(String text) {
        return escape(text, true, true);
    }

    /** Whether {@code c} is a character these methods replace (line breaks and tab aside). */
    public static boolean isUnsafe(char c) {
        return c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f || c >= 0x202a && c <= 0x202e
                || c >= 0x2066 && c <= 0x2069;
    }

    private static String escape(String text, boolean keepNewlines, boolean keepCarriageReturns) {
        if (text == null) return null;
        int first = -1;
        for (int i = 0; i < text.length(); i++) {
            if (mustEscape(text, i, keepNewlines, keepCarriageReturns)) {
                first = i;
                break;
            }
        }
        if (first < 0) return text;
        StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!mustEscape(text, i, keepNewlines, keepCarriageReturns)) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c <= 0xff) {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                sb.append("\\u").append(Integer.toHexString(c));
            }
        }
        return sb.toString();
    }

    private static boolean mustEscape(String text, int i, boolean keepNewlines, boolean keepCarriageReturns) {
        char c = text.charAt(i);
        if (!isUnsafe(c)) return false;
        if (c == '\n') return !keepNewlines;
        if (c == '\r') {
            if (keepCarriageReturns) return false;
            // a lone CR returns the cursor and lets the rest of the line overwrite what was printed
            return !(keepNewlines && i + 1 < text.length() && text.charAt(i + 1) == '\n');
        }
        return true;
    }
}
