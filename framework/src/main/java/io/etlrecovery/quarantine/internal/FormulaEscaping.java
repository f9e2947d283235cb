package io.etlrecovery.quarantine.internal;

/**
 * Keeps spreadsheets from running cells of an export as formulas (CSV injection), reversibly.
 *
 * <p>A cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is written
 * with a leading apostrophe ({@code -12.50} becomes {@code '-12.50}), which spreadsheets show as text. So that
 * reading back is exact, a cell that already starts with apostrophes followed by one of those characters gets one
 * more. {@link #unescape} removes exactly one leading apostrophe from such cells, and leaves every other cell as
 * it is, so a person who deletes the apostrophe while editing loses nothing.
 */
public final class FormulaEscaping {

    private FormulaEscaping() {
    }

    /** The cell to write for {@code value} ({@code null} stays {@code null}). */
    public static String escape(String value) {
        return needsMark(value, 0) ? "'" + value : value;
    }

    /** The value a cell read back stands for. */
    public static String unescape(String cell) {
        return cell != null && cell.startsWith("'") && needsMark(cell, 1) ? cell.substring(1) : cell;
    }

    /** Whether {@code s}, from {@code from} on, is apostrophes followed by a formula trigger. */
    private static boolean needsMark(String s, int from) {
        if (s == null) return false;
        int i = from;
        while (i < s.length() && s.charAt(i) == '\'') i++;
        if (i >= s.length()) return false;
        char c = s.charAt(i);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
