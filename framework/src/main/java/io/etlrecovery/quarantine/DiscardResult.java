package io.etlrecovery.quarantine;

import java.util.List;

/**
 * What a discard did. Immutable.
 *
 * @param discarded        how many records are now DISCARDED
 * @param notQuarantined   ids that were asked for but had already been reprocessed or discarded (left as they were)
 */
public record DiscardResult(long discarded, List<Long> notQuarantined) {

    public DiscardResult {
        notQuarantined = List.copyOf(notQuarantined);
    }
}
