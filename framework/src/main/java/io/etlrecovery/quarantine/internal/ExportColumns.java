package io.etlrecovery.quarantine.internal;

import java.util.List;

/** The fixed column names of a quarantine export. */
public final class ExportColumns {
    public static final String ID = "quarantine_id";
    public static final String RAW = "_raw";
    public static final String CATEGORY = "error_category";
    public static final String MESSAGE = "error_message";
    public static final String EXTRA = "_extra_";

    /** Names a source's field may not have in an export, since the export uses them. */
    public static final List<String> RESERVED = List.of(ID, RAW, CATEGORY, MESSAGE);

    private ExportColumns() {
    }

    /** n for {@code _extra_n} (n >= 1), else -1. */
    public static int extraNumber(String name) {
        if (!name.startsWith(EXTRA) || name.length() == EXTRA.length() || name.length() > EXTRA.length() + 9) {
            return -1;
        }
        int n = 0;
        for (int i = EXTRA.length(); i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n > 0 ? n : -1;
    }
}
