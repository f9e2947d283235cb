package io.etlrecovery.recovery;

import io.etlrecovery.recovery.internal.ThrowableChain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Removes secrets from text before it is logged, stored or shown: error messages, stack traces, configuration
 * dumps. Immutable and thread-safe.
 *
 * <p>The default patterns ({@link #defaults()}) replace the secret with {@code ***} and keep what says what it
 * was:
 * <ul>
 *   <li>PEM private keys ({@code -----BEGIN ... PRIVATE KEY----- ... -----END ... PRIVATE KEY-----}, across lines;
 *       a block cut off before its END line is redacted to the end of the text);</li>
 *   <li>{@code Authorization:}/{@code Proxy-Authorization:} header values (the scheme, e.g. {@code Basic}, is
 *       kept) and bare {@code Bearer <token>};</li>
 *   <li>passwords in URLs: {@code postgresql://user:secret@host} becomes {@code postgresql://user:***@host};</li>
 *   <li>values of keys containing {@code password}, {@code passwd}, {@code pwd}, {@code secret}, {@code token},
 *       {@code api_key}/{@code apikey}, {@code access_key}, {@code private_key} or {@code credential(s)}, in the
 *       forms {@code key=value}, {@code key: value}, {@code "key":"value"} and {@code 'key': 'value'}; this covers
 *       {@code client_secret}, {@code aws_secret_access_key}, JDBC {@code ?password=} and H2
 *       {@code ;PASSWORD=};</li>
 *   <li>AWS access key ids ({@code AKIA}/{@code ASIA} + 16 upper-case letters or digits; the prefix is kept).</li>
 * </ul>
 * An unquoted value ends at white space, a quote, {@code & ; ,} or a bracket (so {@code ?password=x&user=y} keeps
 * {@code user}); a password containing one of those is redacted only up to it, unless it is quoted.
 * Fast path: when the text contains none of {@code pass pwd secret token key auth bearer credential @ akia asia
 * -----begin} (case-insensitively) the default patterns cannot match and the same string is returned without
 * running a regex. Patterns added with {@link Builder#addPattern} always run.
 */
public final class Redactor {

    /** The longest text {@link #redactedStackDigest} returns. */
    public static final int MAX_DIGEST_LENGTH = 4000;
    /** The longest message of one throwable in a digest (after redaction). */
    static final int MAX_DIGEST_MESSAGE = 1000;
    /** Messages are cut to this length before they are redacted for a digest, to bound the work. */
    private static final int MAX_DIGEST_INPUT = 16_000;

    private static final String MASK = "***";

    private static final String KEYS = "passw(?:or)?d|pwd|secret|token|api[_-]?key|access[_-]?key"
            + "|private[_-]?key|credentials?";

    private static final List<Replacement> DEFAULT_PATTERNS = List.of(
            // PEM private keys; the lazy body stops at the matching END line, or at the end of a cut-off text
            new Replacement(Pattern.compile("-----BEGIN ([A-Z0-9 ]*?)PRIVATE KEY-----[\\s\\S]*?"
                    + "(?:-----END \\1PRIVATE KEY-----|\\z)"),
                    m -> "-----BEGIN " + m.group(1) + "PRIVATE KEY-----" + MASK + "-----END " + m.group(1)
                            + "PRIVATE KEY-----"),
            // Authorization headers, in header, key=value and JSON form; keeps the scheme
            new Replacement(Pattern.compile("(?i)\\b((?:proxy-)?authorization)([\"']?[ \\t]*[:=][ \\t]*[\"']?)"
                    + "(?:(basic|bearer|digest|negotiate|ntlm|token|aws4-hmac-sha256)[ \\t]+)?[^\\r\\n\"']+"),
                    m -> m.group(1) + m.group(2) + (m.group(3) != null ? m.group(3) + " " : "") + MASK),
            // bare bearer tokens; an all-lower-case word after "bearer" is prose, not a token
            new Replacement(Pattern.compile("(?i)\\b(bearer)(?-i)[ \\t]+(?![a-z]+\\b)[A-Za-z0-9\\-._~+/]{8,}=*"),
                    m -> m.group(1) + " " + MASK),
            // user:password@ in URLs (the password may itself contain '@': the last one before the host wins)
            new Replacement(Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^\\s:/@\"'<>]+):([^\\s/\"'<>]+)@"),
                    m -> m.group(1) + m.group(2) + ":" + MASK + "@"),
            // key=value, key: value, "key":"value"; keys may have a prefix/suffix (db.password, client_secret)
            new Replacement(Pattern.compile("(?i)(?<![\\w.-])([\"']?)([\\w.-]*?(?:" + KEYS + ")[\\w-]*)\\1"
                    + "([ \\t]*[:=][ \\t]*)(\"(?:[^\"\\\\\\r\\n]|\\\\.)*\"|'(?:[^'\\\\\\r\\n]|\\\\.)*'"
                    + "|[^\\s\"',;&(){}\\[\\]<>]+)"),
                    m -> {
                        String value = m.group(4);
                        char first = value.charAt(0);
                        String masked = (first == '"' || first == '\'') ? first + MASK + first : MASK;
                        return m.group(1) + m.group(2) + m.group(1) + m.group(3) + masked;
                    }),
            // AWS access key ids
            new Replacement(Pattern.compile("\\b(AKIA|ASIA)[A-Z0-9]{16}\\b"), m -> m.group(1) + MASK));

    private static final Redactor DEFAULTS = new Redactor(true, List.of());

    private final boolean useDefaults;
    private final Replacement[] custom;

    private Redactor(boolean useDefaults, List<Replacement> custom) {
        this.useDefaults = useDefaults;
        this.custom = custom.toArray(new Replacement[0]);
    }

    /** The default patterns only (shared instance). */
    public static Redactor defaults() {
        return DEFAULTS;
    }

    /** Starts a redactor with the default patterns plus the patterns added. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Redacts {@code text}.
     *
     * @return the redacted text; {@code null} for {@code null}; the same instance when nothing was redacted
     */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        if (useDefaults && mayContainSecret(text)) {
            for (Replacement r : DEFAULT_PATTERNS) {
                result = r.apply(result);
            }
        }
        for (Replacement r : custom) {
            result = r.apply(result);
        }
        return result.equals(text) ? text : result;
    }

    /**
     * A compact, redacted stack text for storage and reports: for each throwable of the failure (the failure,
     * its causes and SQL next exceptions, each once, at most 32) a line {@code Class: redacted message}, prefixed
     * {@code Caused by: } or {@code Next exception: } after the first, then its top frames as {@code \tat ...}
     * and {@code \t... n more}. Each message is cut to 1000 characters after redaction; the whole text to
     * {@value #MAX_DIGEST_LENGTH} characters.
     *
     * @param maxFramesPerThrowable frames shown per throwable, at least 0
     * @return the digest; empty for {@code null}
     * @throws IllegalArgumentException if {@code maxFramesPerThrowable} is negative
     */
    public String redactedStackDigest(Throwable failure, int maxFramesPerThrowable) {
        if (maxFramesPerThrowable < 0) {
            throw new IllegalArgumentException("maxFramesPerThrowable: must be >= 0, was " + maxFramesPerThrowable);
        }
        if (failure == null) {
            return "";
        }
        ThrowableChain chain = ThrowableChain.of(failure);
        StringBuilder sb = new StringBuilder(512);
        for (int i = 0; i < chain.size() && sb.length() < MAX_DIGEST_LENGTH; i++) {
            Throwable t = chain.get(i);
            if (i > 0) {
                sb.append('\n').append(chain.link(i) == ThrowableChain.Link.NEXT_EXCEPTION
                        ? "Next exception: " : "Caused by: ");
            }
            sb.append(t.getClass().getName());
            String message = chain.message(i);
            if (message != null) {
                if (message.length() > MAX_DIGEST_INPUT) {
                    message = message.substring(0, MAX_DIGEST_INPUT);
                }
                message = redact(message);
                if (message.length() > MAX_DIGEST_MESSAGE) {
                    message = message.substring(0, MAX_DIGEST_MESSAGE) + "...";
                }
                sb.append(": ").append(message);
            }
            StackTraceElement[] frames = t.getStackTrace();
            int shown = Math.min(frames.length, maxFramesPerThrowable);
            for (int f = 0; f < shown && sb.length() < MAX_DIGEST_LENGTH; f++) {
                sb.append("\n\tat ").append(frames[f]);
            }
            if (frames.length > shown) {
                sb.append("\n\t... ").append(frames.length - shown).append(" more");
            }
        }
        if (sb.length() > MAX_DIGEST_LENGTH) {
            String cut = "\n...(truncated)";
            sb.setLength(MAX_DIGEST_LENGTH - cut.length());
            sb.append(cut);
        }
        return sb.toString();
    }

    /** Whether {@code s} contains a trigger word, case-insensitively; no allocation. */
    static boolean mayContainSecret(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            boolean hit = switch (s.charAt(i)) {
                case '@' -> true;
                case 'p', 'P' -> at(s, i, "pass") || at(s, i, "pwd");
                case 's', 'S' -> at(s, i, "secret");
                case 't', 'T' -> at(s, i, "token");
                case 'k', 'K' -> at(s, i, "key");
                case 'a', 'A' -> at(s, i, "auth") || at(s, i, "akia") || at(s, i, "asia");
                case 'b', 'B' -> at(s, i, "bearer");
                case 'c', 'C' -> at(s, i, "credential");
                case '-' -> at(s, i, "-----begin");
                default -> false;
            };
            if (hit) {
                return true;
            }
        }
        return false;
    }

    private static boolean at(String s, int i, String trigger) {
        return s.regionMatches(true, i, trigger, 0, trigger.length());
    }

    private record Replacement(Pattern pattern, Function<MatchResult, String> replacer) {
        /** The same instance when nothing matches. */
        String apply(String text) {
            return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(replacer.apply(m)));
        }
    }

    /**
     * Builds a {@link Redactor}: the default patterns (unless {@link #withoutDefaults()}) then the added
     * patterns, in the order added. Not thread-safe.
     */
    public static final class Builder {
        private final List<Replacement> custom = new ArrayList<>();
        private boolean defaults = true;

        private Builder() {
        }

        /**
         * Adds a pattern: every match of {@code regex} is replaced by {@code replacement}, which may refer to
         * groups {@code $1} to {@code $9}; write {@code \$} for a literal dollar and {@code \\} for a backslash.
         * Empty matches replace nothing.
         *
         * @throws IllegalArgumentException if {@code regex} is empty or invalid, or {@code replacement} refers to
         *                                  a group the regex does not have
         */
        public Builder addPattern(String regex, String replacement) {
            if (regex == null || regex.isEmpty()) {
                throw new IllegalArgumentException("regex: must not be empty");
            }
            Objects.requireNonNull(replacement, "replacement");
            Pattern pattern;
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("regex: invalid regular expression \"" + regex + "\": "
                        + e.getDescription() + " near index " + e.getIndex(), e);
            }
            checkReplacement(replacement, pattern.matcher("").groupCount());
            custom.add(new Replacement(pattern, m -> m.group().isEmpty() ? "" : expand(m, replacement)));
            return this;
        }

        /** Leaves the default patterns out. */
        public Builder withoutDefaults() {
            this.defaults = false;
            return this;
        }

        /** Builds the redactor. */
        public Redactor build() {
            return new Redactor(defaults, custom);
        }

        private static String expand(MatchResult m, String replacement) {
            // resolves $n and \x here; the result is used literally
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < replacement.length(); i++) {
                char c = replacement.charAt(i);
                if (c == '\\' && i + 1 < replacement.length()) {
                    sb.append(replacement.charAt(++i));
                } else if (c == '$' && i + 1 < replacement.length() && Character.isDigit(replacement.charAt(i + 1))) {
                    int group = replacement.charAt(++i) - '0';
                    String value = m.group(group);
                    if (value != null) {
                        sb.append(value);
                    }
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }

        private static void checkReplacement(String replacement, int groups) {
            for (int i = 0; i < replacement.length(); i++) {
                char c = replacement.charAt(i);
                if (c == '\\') {
                    if (i + 1 == replacement.length()) {
                        throw new IllegalArgumentException("replacement: ends with a lone backslash");
                    }
                    i++;
                } else if (c == '$') {
                    if (i + 1 == replacement.length() || !Character.isDigit(replacement.charAt(i + 1))) {
                        throw new IllegalArgumentException("replacement: '$' must be followed by a group number "
                                + "(write \\$ for a literal dollar): \"" + replacement + "\"");
                    }
                    int group = replacement.charAt(i + 1) - '0';
                    if (group > groups) {
                        throw new IllegalArgumentException("replacement: refers to group $" + group + " but the "
                                + "regex has " + groups + " group(s)");
                    }
                    i++;
                }
            }
        }
    }
}
