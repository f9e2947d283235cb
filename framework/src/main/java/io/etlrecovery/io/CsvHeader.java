package io.etlrecovery.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The column names of one CSV file and their indexes, shared by all its rows. Immutable. */
final class CsvHeader {

    static final CsvHeader EMPTY = new CsvHeader(List.of());

    final List<String> names;
    private final Map<String, Integer> index;

    private CsvHeader(List<String> names) {
        this.names = Collections.unmodifiableList(new ArrayList<>(names));
        Map<String, Integer> map = new HashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            map.put(names.get(i), i);
        }
        this.index = map;
    }

    /** Names given by a person: must be non-empty and unique. */
    static CsvHeader ofGiven(List<String> names, String parameter) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException(parameter + ": column " + (i + 1) + " has no name");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(parameter + ": duplicate column name '" + name + "'");
            }
        }
        return new CsvHeader(names);
    }

    /**
     * Names read from a file, made unique for mapping: an empty name becomes {@code column_<n>} (its 1-based
     * position), a repeated name gets {@code _2}, {@code _3}... Returns the renamings in {@code notes}.
     */
    static CsvHeader ofFile(String[] raw, List<String> notes) {
        String[] out = new String[raw.length];
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != null && !raw[i].isEmpty() && taken.add(raw[i])) {
                out[i] = raw[i]; // the first occurrence of a name keeps it
            }
        }
        for (int i = 0; i < raw.length; i++) {
            if (out[i] != null) {
                continue;
            }
            String original = raw[i] == null ? "" : raw[i];
            String stem = original.isEmpty() ? "column_" + (i + 1) : original;
            String name = stem;
            for (int n = 2; !taken.add(name); n++) {
                name = stem + "_" + n;
            }
            out[i] = name;
            notes.add("column " + (i + 1) + " '" + original + "' is mapped as '" + name + "'");
        }
        return new CsvHeader(Arrays.asList(out));
    }

    int size() {
        return names.size();
    }

    /** The index of {@code name}, or -1. */
    int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof CsvHeader h && names.equals(h.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }
}
