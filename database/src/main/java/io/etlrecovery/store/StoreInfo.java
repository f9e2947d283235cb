package io.etlrecovery.store;

import java.util.Map;

/**
 * Opens a store (creating and migrating it if needed) and prints what it holds: its URL (redacted), schema version
 * and the row count of every table. {@code StoreInfo [jdbc-url]}; default: the embedded H2 store at
 * {@code ./etl-recovery-data/store}. Exit code 0, or 5 with the store's message when it cannot be opened.
 */
public final class StoreInfo {
    private StoreInfo() {
    }

    public static void main(String[] args) {
        StoreConfig config = args.length > 0 ? StoreConfig.of(args[0]) : StoreConfig.defaults();
        try (Store store = Store.open(config)) {
            System.out.println("store:          " + store.describe());
            System.out.println("schema version: " + store.schemaVersion());
            for (Map.Entry<String, Long> e : store.tableCounts().entrySet()) {
                System.out.printf("%-24s %,d rows%n", e.getKey(), e.getValue());
            }
        } catch (StoreException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(5);
        }
    }
}
