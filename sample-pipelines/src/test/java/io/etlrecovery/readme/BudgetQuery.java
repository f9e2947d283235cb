package io.etlrecovery.readme;

import io.etlrecovery.report.BudgetReport;
import io.etlrecovery.report.BudgetStatus;
import io.etlrecovery.report.Reports;
import io.etlrecovery.store.Store;
import io.etlrecovery.store.StoreConfig;
import java.nio.file.Path;

/** The README's example of querying an error budget from Java. */
public final class BudgetQuery {

    private BudgetQuery() {
    }

    /** Whether the customers pipeline may still spend error budget, as a deploy gate would ask. */
    public static boolean customersBudgetLeft(Path storeDirectory) {
        try (Store store = Store.open(StoreConfig.ofH2File(storeDirectory.resolve("store")))) {
            BudgetReport budget = Reports.on(store).budget("customers");
            System.out.printf("records: %.1f%% of the budget left, status %s%n",
                    budget.records().remainingPercent(), budget.status());
            return budget.status() != BudgetStatus.EXHAUSTED;
        }
    }
}
