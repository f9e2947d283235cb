package io.etlrecovery.io.internal;

import java.util.Locale;
import java.util.Set;

/**
 * The top-level shape of a SELECT statement, found by a small scanner that skips string literals, quoted
 * identifiers, comments and parenthesised parts: whether it is a plain {@code SELECT ... FROM ... [WHERE ...]}
 * (nothing after the WHERE clause: no GROUP BY, ORDER BY, row limit, set operation...), and where its WHERE
 * keyword is. A plain query can take an extra condition and an ORDER BY directly, which databases run with an
 * index; anything else must be wrapped as a subquery.
 */
public final class SelectShape {

    private static final Set<String> NOT_PLAIN = Set.of("GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "FETCH",
            "UNION", "INTERSECT", "EXCEPT", "MINUS", "WINDOW", "QUALIFY", "FOR", "INTO", "TOP");

    private final boolean plain;
    private final int where;

    private SelectShape(boolean plain, int where) {
        this.plain = plain;
        this.where = where;
    }

    /** Whether the query is a plain {@code SELECT ... FROM ... [WHERE ...]}. */
    public boolean plain() {
        return plain;
    }

    /** The offset of the top-level WHERE keyword, or -1 (meaningful only for a plain query). */
    public int where() {
        return where;
    }

    /** Scans {@code sql}. */
    public static SelectShape of(String sql) {
        int depth = 0;
        int where = -1;
        boolean first = true;
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = sql.indexOf(c, i + 1);
                while (end >= 0 && end + 1 < n && sql.charAt(end + 1) == c) {
                    end = sql.indexOf(c, end + 2); // a doubled quote inside
                }
                if (end < 0) {
                    return new SelectShape(false, -1);
                }
                i = end + 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    return new SelectShape(false, -1);
                }
                i = end + 2;
            } else if (c == '$') {
                return new SelectShape(false, -1); // dollar quoting or parameters: do not guess
            } else if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                if (--depth < 0) {
                    return new SelectShape(false, -1);
                }
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                if (depth > 0) {
                    continue;
                }
                String word = sql.substring(start, i).toUpperCase(Locale.ROOT);
                if (first) {
                    if (!word.equals("SELECT")) {
                        return new SelectShape(false, -1);
                    }
                    first = false;
                } else if (word.equals("WHERE")) {
                    if (where >= 0) {
                        return new SelectShape(false, -1);
                    }
                    where = start;
                } else if (NOT_PLAIN.contains(word)) {
                    return new SelectShape(false, -1);
                }
            } else if (c == ';') {
                return new SelectShape(false, -1);
            } else {
                i++;
            }
        }
        return new SelectShape(depth == 0 && !first, where);
    }
}
