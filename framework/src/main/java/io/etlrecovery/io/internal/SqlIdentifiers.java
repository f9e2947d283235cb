package io.etlrecovery.io.internal;

import java.util.regex.Pattern;

/**
 * Validates the table and column names that are written into SQL text, so that no name can carry SQL: a
 * name is an unquoted SQL identifier ({@code [A-Za-z_][A-Za-z0-9_]*}, at most 128 characters), a table name
 * optionally qualified by a schema ({@code SCHEMA.TABLE}). Values never go into SQL text; they are bound.
 */
public final class SqlIdentifiers {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern QUALIFIED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}(\\.[A-Za-z_][A-Za-z0-9_]{0,127})?");

    private SqlIdentifiers() {
    }

    /**
     * Returns {@code name} if it is a plain SQL identifier.
     *
     * @throws IllegalArgumentException naming {@code parameter} otherwise
     */
    public static String column(String name, String parameter) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(parameter + " must be an SQL identifier (letters, digits and _, "
                    + "not starting with a digit, at most 128 characters), was " + quote(name));
        }
        return name;
    }

    /**
     * Returns {@code name} if it is an SQL identifier, optionally qualified by a schema.
     *
     * @throws IllegalArgumentException naming {@code parameter} otherwise
     */
    public static String table(String name, String parameter) {
        if (name == null || !QUALIFIED.matcher(name).matches()) {
            throw new IllegalArgumentException(parameter + " must be an SQL identifier, optionally qualified as "
                    + "SCHEMA.TABLE (letters, digits and _), was " + quote(name));
        }
        return name;
    }

    /**
     * Returns {@code name} if it is an SQL identifier, optionally qualified by a table name or alias
     * ({@code o.order_id}).
     *
     * @throws IllegalArgumentException naming {@code parameter} otherwise
     */
    public static String qualifiedColumn(String name, String parameter) {
        if (name == null || !QUALIFIED.matcher(name).matches()) {
            throw new IllegalArgumentException(parameter + " must be an SQL identifier, optionally qualified as "
                    + "ALIAS.COLUMN (letters, digits and _), was " + quote(name));
        }
        return name;
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
