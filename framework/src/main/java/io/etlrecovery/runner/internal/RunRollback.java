package io.etlrecovery.runner.internal;

import io.etlrecovery.pipeline.Compensable;
import io.etlrecovery.pipeline.Pipeline;
import io.etlrecovery.pipeline.Step;
import io.etlrecovery.store.ActionRow;
import io.etlrecovery.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Removes what a run loaded: each step's compensation in reverse step order, in one transaction. */
public final class RunRollback {
    private RunRollback() {
    }

    /** Returns the number of rows removed. The run's quarantined records are kept. */
    public static long compensate(Store store, Pipeline pipeline, long runId, Instant now, String why) {
        List<Step> steps = new ArrayList<>(pipeline.steps());
        java.util.Collections.reverse(steps);
        try {
            return compensateChecked(store, pipeline, steps, runId, now, why);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new io.etlrecovery.EtlRecoveryException("Rolling back run " + runId + " of '" + pipeline.name()
                    + "' failed, so nothing was removed: " + e.getMessage(), e);
        }
    }

    private static long compensateChecked(Store store, Pipeline pipeline, List<Step> steps, long runId, Instant now,
                                          String why) throws Exception {
        return store.inTransaction(s -> {
            long total = 0;
            List<String> done = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (Step step : steps) {
                Compensable c = RunExecution.compensationOf(step);
                if (c == null) {
                    skipped.add(step.name());
                    continue;
                }
                long n = c.compensate(runId, s.connection());
                total += n;
                done.add(step.name() + ": " + n);
            }
            s.actions().insertAll(List.of(new ActionRow(null, runId, null, pipeline.name(), null, "RUN_ROLLED_BACK",
                    pipeline.name(), why + "; removed " + total + " rows " + done
                    + (skipped.isEmpty() ? "" : "; steps without compensation, left as they are: " + skipped),
                    "DONE", now)));
            return total;
        });
    }
}
