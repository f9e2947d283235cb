package io.etlrecovery.report.internal;

/**
 * A minimal XHTML writer: every text and attribute value goes through {@link #escape}, so record content (which
 * may hold markup) is only ever text. Elements are closed explicitly and empty ones as {@code <x/>}, so the
 * output parses as XML.
 */
public final class Html {

    private final StringBuilder sb = new StringBuilder(64 * 1024);

    /** Appends trusted markup written by this code (never data). */
    public Html raw(String markup) {
        sb.append(markup);
        return this;
    }

    /** Appends text, escaped. */
    public Html text(String text) {
        sb.append(escape(text));
        return this;
    }

    /** Opens {@code tag} with attribute name/value pairs (values escaped; a {@code null} value omits the pair). */
    public Html open(String tag, String... attributes) {
        sb.append('<').append(tag);
        attributes(attributes);
        sb.append('>');
        return this;
    }

    public Html close(String tag) {
        sb.append("</").append(tag).append('>');
        return this;
    }

    /** An empty element: {@code <tag a="v"/>}. */
    public Html empty(String tag, String... attributes) {
        sb.append('<').append(tag);
        attributes(attributes);
        sb.append("/>");
        return this;
    }

    /** {@code <tag ...>text</tag>}, the text escaped. */
    public Html el(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    private void attributes(String[] attributes) {
        if (attributes.length % 2 != 0) throw new IllegalArgumentException("attributes come in name/value pairs");
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] == null) continue;
            sb.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
        }
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    /**
     * Escapes {@code & < > " '} and replaces the characters XML 1.0 forbids or discourages (control characters
     * but tab, line feed and carriage return; DEL and the C1 controls, which a terminal showing the file would
     * obey; unpaired surrogates; U+FFFE, U+FFFF) with U+FFFD. {@code null} becomes "".
     */
    public static String escape(String s) {
        if (s == null) return "";
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = null;
            switch (c) {
                case '&' -> rep = "&amp;";
                case '<' -> rep = "&lt;";
                case '>' -> rep = "&gt;";
                case '"' -> rep = "&quot;";
                case '\'' -> rep = "&#39;";
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7F && c <= 0x9F // DEL, C1 (CSI)
                            || c == 0xFFFE || c == 0xFFFF) {
                        rep = "\uFFFD";
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            if (out != null) out.append(c).append(s.charAt(i + 1));
                            i++;
                            continue;
                        }
                        rep = "\uFFFD";
                    } else if (Character.isLowSurrogate(c)) {
                        rep = "\uFFFD";
                    }
                }
            }
            if (rep != null) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16);
                    out.append(s, 0, i);
                }
                out.append(rep);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
