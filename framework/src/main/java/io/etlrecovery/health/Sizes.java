package io.etlrecovery.health;

import java.util.Locale;

/** Byte sizes for messages: "512 MiB", "1 GiB", "1.5 GiB". */
final class Sizes {

    private Sizes() {
    }

    static String bytes(long b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = b;
        int u = 0;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        String n = String.format(Locale.ROOT, u == 0 ? "%.0f" : "%.1f", v);
        if (n.endsWith(".0")) n = n.substring(0, n.length() - 2);
        return n + " " + units[u];
    }

    static String percent(double share) {
        String n = String.format(Locale.ROOT, "%.1f", share * 100);
        if (n.endsWith(".0")) n = n.substring(0, n.length() - 2);
        return n + "%";
    }
}
