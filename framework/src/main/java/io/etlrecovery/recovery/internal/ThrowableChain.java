package io.etlrecovery.recovery.internal;

import java.sql.SQLException;

/**
 * Internal: the throwables of one failure, flattened once so that many rules can look at them cheaply. Not API.
 *
 * <p>Holds the failure itself, its causes and, for every {@link SQLException}, its
 * {@link SQLException#getNextException() next exceptions} (and their causes), breadth first, each throwable once
 * (a cycle guard by identity) and at most {@link #MAX_SIZE} of them. Messages are read lazily, once.
 * Not thread-safe: one instance serves one classification.
 */
public final class ThrowableChain {

    /** The most throwables looked at for one failure; deeper ones are ignored. */
    public static final int MAX_SIZE = 32;

    /** How a throwable is related to the one that brought it into the chain. */
    public enum Link { ROOT, CAUSE, NEXT_EXCEPTION }

    private static final Link[] LINKS = Link.values();

    private final Throwable[] items;
    private final byte[] links;
    private final int size;
    private final boolean hasSqlException;
    private String[] messages;

    private ThrowableChain(Throwable[] items, byte[] links, int size, boolean hasSqlException) {
        this.items = items;
        this.links = links;
        this.size = size;
        this.hasSqlException = hasSqlException;
    }

    /** Flattens {@code failure}; {@code null} gives an empty chain. */
    public static ThrowableChain of(Throwable failure) {
        if (failure == null) {
            return new ThrowableChain(new Throwable[0], new byte[0], 0, false);
        }
        Throwable[] items = new Throwable[8];
        byte[] links = new byte[8];
        items[0] = failure;
        int size = 1;
        // the filled part of the array is the work queue
        for (int i = 0; i < size && size < MAX_SIZE; i++) {
            Throwable t = items[i];
            if (t instanceof SQLException sqlException) {
                SQLException next = sqlException.getNextException();
                if (next != null && !contains(items, size, next)) {
                    if (size == items.length) {
                        items = grow(items);
                        links = growBytes(links);
                    }
                    links[size] = (byte) Link.NEXT_EXCEPTION.ordinal();
                    items[size++] = next;
                }
            }
            Throwable cause = t.getCause();
            if (cause != null && size < MAX_SIZE && !contains(items, size, cause)) {
                if (size == items.length) {
                    items = grow(items);
                    links = growBytes(links);
                }
                links[size] = (byte) Link.CAUSE.ordinal();
                items[size++] = cause;
            }
        }
        boolean sql = false;
        for (int i = 0; i < size && !sql; i++) {
            sql = items[i] instanceof SQLException;
        }
        return new ThrowableChain(items, links, size, sql);
    }

    private static boolean contains(Throwable[] items, int size, Throwable t) {
        for (int i = 0; i < size; i++) {
            if (items[i] == t) {
                return true;
            }
        }
        return false;
    }

    private static Throwable[] grow(Throwable[] a) {
        return java.util.Arrays.copyOf(a, Math.min(a.length * 2, MAX_SIZE));
    }

    private static byte[] growBytes(byte[] a) {
        return java.util.Arrays.copyOf(a, Math.min(a.length * 2, MAX_SIZE));
    }

    /** How many throwables the chain holds. */
    public int size() {
        return size;
    }

    /** The throwable at {@code index} (0 is the failure itself). */
    public Throwable get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return items[index];
    }

    /** How the throwable at {@code index} was reached. */
    public Link link(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return LINKS[links[index]];
    }

    /** Whether any throwable in the chain is a {@link SQLException}. */
    public boolean hasSqlException() {
        return hasSqlException;
    }

    /**
     * The message of the throwable at {@code index}, read once; {@code null} when it has none or
     * {@code getMessage()} itself failed.
     */
    public String message(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        if (messages == null) {
            messages = new String[size];
            for (int i = 0; i < size; i++) {
                messages[i] = safeMessage(items[i]);
            }
        }
        return messages[index];
    }

    private static String safeMessage(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException e) {
            return null; // a broken getMessage() must not break classification
        }
    }
}
