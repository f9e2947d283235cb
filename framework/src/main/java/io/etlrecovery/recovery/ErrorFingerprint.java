package io.etlrecovery.recovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Groups failures that are "the same problem": a fingerprint ignores the values that differ from one occurrence
 * to the next (ids, numbers, timestamps, paths, quoted values) and keeps the shape of the message. Stateless and
 * thread-safe.
 */
public final class ErrorFingerprint {

    /** The longest normalized message. */
    public static final int MAX_NORMALIZED_LENGTH = 500;
    /** Only this much of a message is looked at, to bound the work. */
    private static final int MAX_INPUT_LENGTH = 4 * MAX_NORMALIZED_LENGTH;

    // One pass. At each position the alternatives are tried in this order (so a UUID is not read as numbers, a
    // URL not as a path); each is one capturing group with no other capturing groups. The first six only start
    // where a word starts: one lookbehind rejects positions inside words, which keeps the pass cheap.
    private static final Pattern TOKENS = Pattern.compile("(?<!\\w)(?:" + String.join("|",
            // 1 URL
            "([A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>()\\[\\]{}]+)",
            // 2 e-mail
            "([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)",
            // 3 UUID
            "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b)",
            // 4 ISO date(-time) or a time of day
            "(\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?"
                    + "(?!\\d)|(?<!:)\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?(?:Z|[+-]\\d{2}:?\\d{2})?(?![\\d:]))",
            // 5 hex: 0x..., or 8+ hex characters with at least one digit and one letter a-f
            "((?:0[xX][0-9a-fA-F]+|(?=[0-9a-fA-F]*\\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,})(?!\\w))",
            // 6 number: integer, decimal, negative, exponent (digits glued after letters, as in v2, are kept)
            "(-?\\d+(?:[.,]\\d+)*(?:[eE][+-]?\\d+)?)") + ")|" + String.join("|",
            // 7 quoted value: '...', "..." or `...` on one line (an apostrophe inside a word does not open one)
            "((?<!\\w)(?:\"[^\"\\r\\n]*\"|'[^'\\r\\n]*'|`[^`\\r\\n]*`))",
            // 8 path: unix (also ~/ and ./), windows drive, UNC
            "((?<![\\w/])(?:~|\\.{1,2})?/[\\w.@%+~-]+(?:/[\\w.@%+~-]*)*|(?<!\\w)[A-Za-z]:\\\\[^\\s\"'<>|*?]*"
                    + "|\\\\\\\\[^\\s\"'<>|*?]+)",
            // 9 whitespace other than a single space
            "(\\s{2,}|[^\\S ])"));

    private static final String[] PLACEHOLDERS = {null, "<url>", "<email>", "<uuid>", "<time>", "<hex>", "<n>",
            "<str>", "<path>", " "};

    private ErrorFingerprint() {
    }

    /**
     * The shape of {@code message}: UUIDs become {@code <uuid>}, ISO dates, date-times and times {@code <time>},
     * e-mail addresses {@code <email>}, URLs {@code <url>}, file paths ({@code /a/b.csv}, {@code C:\a\b})
     * {@code <path>}, quoted values ({@code '...'}, {@code "..."}, {@code `...`}) {@code <str>}, hex strings
     * ({@code 0x1f}, or 8+ hex characters with a digit and a letter) {@code <hex>}, numbers (integers, decimals,
     * negatives) {@code <n>}; runs of whitespace become one space; the result is trimmed and cut to
     * {@value #MAX_NORMALIZED_LENGTH} characters. Only the first 2000 characters of the message are looked at.
     *
     * @return the normalized message; empty for {@code null}
     */
    public static String normalize(String message) {
        if (message == null || message.isEmpty()) {
            return "";
        }
        String input = message.length() > MAX_INPUT_LENGTH ? message.substring(0, MAX_INPUT_LENGTH) : message;
        int n = input.length();
        Matcher m = TOKENS.matcher(input).useTransparentBounds(true).useAnchoringBounds(false);
        StringBuilder sb = new StringBuilder(Math.min(n, MAX_NORMALIZED_LENGTH + 16));
        int last = 0;
        int i = 0;
        // the regex only runs where a token can start; plain words and single spaces are skipped here
        while (i < n && sb.length() <= MAX_NORMALIZED_LENGTH) {
            char c = input.charAt(i);
            boolean afterWordChar = i > 0 && isWordChar(input.charAt(i - 1));
            if (isWordChar(c) && afterWordChar) {
                i++; // inside a word: no token starts here
                continue;
            }
            if (isLetter(c)) {
                int j = i + 1;
                while (j < n && isLetter(input.charAt(j))) {
                    j++;
                }
                if (j == n || "0123456789._%+-@:".indexOf(input.charAt(j)) < 0) {
                    i = j; // a plain word: not a URL, e-mail, hex, UUID or drive path
                    continue;
                }
            } else if (c == ' ' && (i + 1 == n || !Character.isWhitespace(input.charAt(i + 1)))) {
                i++;
                continue;
            }
            m.region(i, n);
            if (m.lookingAt()) {
                sb.append(input, last, i);
                for (int g = 1; g < PLACEHOLDERS.length; g++) {
                    if (m.start(g) >= 0) {
                        sb.append(PLACEHOLDERS[g]);
                        break;
                    }
                }
                last = m.end();
                i = last;
            } else {
                i++;
            }
        }
        if (sb.length() <= MAX_NORMALIZED_LENGTH) {
            sb.append(input, last, n);
        }
        String result = sb.toString().strip();
        return result.length() > MAX_NORMALIZED_LENGTH ? result.substring(0, MAX_NORMALIZED_LENGTH).strip() : result;
    }

    /**
     * The fingerprint of a failure: 32 lower-case hex characters, the first 16 bytes of a SHA-256 over the
     * category, the exception class name, the step and the {@link #normalize normalized} message (each
     * length-prefixed, so fields cannot run into each other).
     *
     * @param category       required
     * @param exceptionClass the failure's class name, required
     * @param step           the step that failed; {@code null} counts as empty
     * @param message        the message (ideally already redacted); {@code null} counts as empty
     */
    public static String of(ErrorCategory category, String exceptionClass, String step, String message) {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(exceptionClass, "exceptionClass");
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e); // every JVM has it
        }
        update(sha, category.name());
        update(sha, exceptionClass);
        update(sha, step == null ? "" : step);
        update(sha, normalize(message));
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** The characters of regex {@code \w} (ASCII letters, digits, underscore). */
    private static boolean isWordChar(char c) {
        return isLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }

    private static void update(MessageDigest sha, String field) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        int n = bytes.length;
        sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        sha.update(bytes);
    }
}
