package io.etlrecovery.samples.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code --param key=value} pairs of one pipeline, checked against the keys it knows: an unknown key, or a
 * value that does not parse or is out of range, is refused with an {@link IllegalArgumentException} naming the
 * pipeline, the key and what is allowed.
 */
public final class Parameters {
    private final String pipeline;
    private final Map<String, String> given;

    private Parameters(String pipeline, Map<String, String> given) {
        this.pipeline = pipeline;
        this.given = given;
    }

    /**
     * The parameters {@code given} to {@code pipeline}, which knows only {@code known}.
     *
     * @throws IllegalArgumentException naming the first unknown key (sorted) and the known ones
     */
    public static Parameters of(String pipeline, Map<String, String> given, List<String> known) {
        Set<String> unknown = new TreeSet<>(given.keySet());
        known.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            throw new IllegalArgumentException("pipeline '" + pipeline + "' has no parameter '" + key + "'; its "
                    + "parameters are " + (known.isEmpty() ? "none" : String.join(", ", known)));
        }
        return new Parameters(pipeline, Map.copyOf(given));
    }

    /** The raw value of {@code key}, or {@code defaultValue}. */
    public String string(String key, String defaultValue) {
        String v = given.get(key);
        return v == null ? defaultValue : v;
    }

    /** Whether {@code key} was given. */
    public boolean has(String key) {
        return given.containsKey(key);
    }

    /** A whole number in {@code [min, max]}, or {@code defaultValue}. */
    public long longValue(String key, long defaultValue, long min, long max) {
        String v = given.get(key);
        if (v == null) return defaultValue;
        long n;
        try {
            n = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw invalid(key, v, "a whole number from " + min + " to " + max);
        }
        if (n < min || n > max) throw invalid(key, v, "a whole number from " + min + " to " + max);
        return n;
    }

    /** A number in {@code [min, max]}, or {@code defaultValue}. */
    public double doubleValue(String key, double defaultValue, double min, double max) {
        String v = given.get(key);
        if (v == null) return defaultValue;
        double d;
        try {
            d = Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw invalid(key, v, "a number from " + min + " to " + max);
        }
        if (!(d >= min && d <= max)) throw invalid(key, v, "a number from " + min + " to " + max);
        return d;
    }

    /** One of {@code choices} (case-insensitive, returned as written in {@code choices}), or {@code defaultValue}. */
    public String choice(String key, String defaultValue, List<String> choices) {
        String v = given.get(key);
        if (v == null) return defaultValue;
        for (String c : choices) if (c.equalsIgnoreCase(v.strip())) return c;
        throw invalid(key, v, "one of " + String.join(", ", choices));
    }

    /** A file path, or {@code defaultValue}. */
    public Path path(String key, Path defaultValue) {
        String v = given.get(key);
        if (v == null) return defaultValue;
        if (v.isBlank()) throw invalid(key, v, "a file path");
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw invalid(key, v, "a file path (" + e.getReason() + ")");
        }
    }

    /** The exception for a bad value of {@code key}: names the pipeline, the key, the value and what is allowed. */
    public IllegalArgumentException invalid(String key, String value, String expected) {
        return new IllegalArgumentException("pipeline '" + pipeline + "': parameter '" + key + "' must be " + expected
                + ", was '" + value + "'");
    }
}
