package io.etlrecovery.store;

import java.nio.file.Path;
import java.time.Instant;

/** Child-process helper: opens a store the normal way, records a run, says READY, waits for stdin. */
public final class HoldStoreOpen {
    public static void main(String[] args) throws Exception {
        try (Store store = Store.open(StoreConfig.ofH2File(Path.of(args[0])))) {
            store.useTransaction(s -> s.runs().create("from-child", Instant.now(), "child", ProcessHandle.current().pid(),
                    null, null, null));
            System.out.println("READY");
            System.out.flush();
            System.in.read();
        }
    }
}
