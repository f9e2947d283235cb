package io.etlrecovery.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** What the store needs to know about JDBC URLs: which database, where an H2 file lives, and redaction. */
public final class JdbcUrls {
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/:@;?]*:)[^@/;?]*@");
    private static final Pattern PASSWORD_PARAM =
            Pattern.compile("(?i)((?:password|pwd|passwd|secret|token)\\s*=\\s*)[^;&]*");

    private JdbcUrls() {
    }

    /** The URL with any password (in user info or as a parameter) replaced by {@code ***}. */
    public static String redact(String url) {
        if (url == null) return null;
        String s = URL_USERINFO.matcher(url).replaceAll("$1***@");
        return PASSWORD_PARAM.matcher(s).replaceAll("$1***");
    }

    public static boolean isH2(String url) {
        return url.regionMatches(true, 0, "jdbc:h2:", 0, 8);
    }

    /**
     * For an embedded H2 file URL ({@code jdbc:h2:file:/x/store}, {@code jdbc:h2:./x/store},
     * {@code jdbc:h2:~/store}), the database path without suffix; empty for memory, TCP and other URLs.
     */
    public static Optional<Path> h2FilePath(String url) {
        if (!isH2(url)) return Optional.empty();
        String rest = url.substring(8);
        int semi = rest.indexOf(';');
        if (semi >= 0) rest = rest.substring(0, semi);
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:")
                || lower.startsWith("zip:")) {
            return Optional.empty();
        }
        if (lower.startsWith("file:")) rest = rest.substring(5);
        if (lower.startsWith("split:") || lower.startsWith("nio")) {
            return Optional.empty();
        }
        if (rest.startsWith("~")) rest = System.getProperty("user.home") + rest.substring(1);
        return rest.isEmpty() ? Optional.empty() : Optional.of(Path.of(rest));
    }

    /** Whether the H2 URL already sets {@code setting} (case-insensitive), e.g. {@code AUTO_SERVER}. */
    static boolean hasSetting(String url, String setting) {
        return Pattern.compile("(?i);\\s*" + Pattern.quote(setting) + "\\s*=").matcher(url).find();
    }
}
