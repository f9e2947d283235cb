package io.etlrecovery.io.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;

/** Writes compact JSON by hand (no library types in the hot path). */
public final class JsonText {

    private JsonText() {
    }

    /** Appends {@code s} as a JSON string literal. */
    public static StringBuilder appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    /**
     * Appends a JDBC value: numbers and booleans as JSON literals, {@code null} as null, byte arrays as Base64
     * strings, anything else as the string of its {@code toString()}.
     */
    public static StringBuilder appendValue(StringBuilder sb, Object value) {
        if (value == null) {
            return sb.append("null");
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof Boolean) {
            return sb.append(value);
        }
        if (value instanceof BigDecimal d) {
            return sb.append(d.toPlainString());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? sb.append(value) : appendString(sb, value.toString());
        }
        if (value instanceof byte[] bytes) {
            return appendString(sb, Base64.getEncoder().encodeToString(bytes));
        }
        return appendString(sb, value.toString());
    }
}
