package io.etlrecovery.report.internal;

import io.etlrecovery.report.PatternEntry;
import io.etlrecovery.report.PatternQuery;
import io.etlrecovery.report.PatternReport;
import io.etlrecovery.report.Trend;
import io.etlrecovery.store.PatternRepository;
import io.etlrecovery.store.PatternRow;
import io.etlrecovery.store.StoreSession;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Computes a {@link PatternReport} from ERROR_PATTERN_DAYS (counts per day) and ERROR_PATTERNS (descriptions). */
public final class PatternCalculator {

    private PatternCalculator() {
    }

    public static PatternReport compute(StoreSession s, PatternQuery q, Instant now) {
        PatternRepository repo = s.patterns();
        LocalDate to = Time.day(now);
        LocalDate from = to.minusDays(q.days() - 1L);
        LocalDate previousFrom = from.minusDays(q.days());
        Map<Key, Long> current = totals(repo.totals(q.pipeline(), from, to.plusDays(1)));
        Map<Key, Long> previous = totals(repo.totals(q.pipeline(), previousFrom, from));

        long all = current.values().stream().mapToLong(Long::longValue).sum();
        Map<Key, PatternRow> described = new HashMap<>();
        for (PatternRow r : repo.seenSince(q.pipeline(), Time.startOf(from))) {
            described.put(new Key(r.pipeline(), r.fingerprint()), r);
        }
        List<PatternEntry> entries = new ArrayList<>(current.size());
        for (Map.Entry<Key, Long> e : current.entrySet()) {
            Key k = e.getKey();
            long n = e.getValue();
            if (n <= 0) continue;
            PatternRow row = described.get(k);
            if (row == null) row = repo.find(k.pipeline(), k.fingerprint()).orElse(null);
            long before = previous.getOrDefault(k, 0L);
            entries.add(row == null
                    ? new PatternEntry(k.pipeline(), k.fingerprint(), null, null, null, null, null, null, n, before,
                            Trend.of(n, before), n, 0, null, null, null)
                    : new PatternEntry(k.pipeline(), k.fingerprint(), row.stepName(), row.category(), row.errorType(),
                            row.exceptionClass(), row.normalizedMessage(), row.exampleMessage(), n, before,
                            Trend.of(n, before), row.occurrences(), row.runsAffected(), row.firstSeen(),
                            row.lastSeen(), row.recommendedAction()));
        }
        entries.sort(Comparator.comparingLong(PatternEntry::occurrences).reversed()
                .thenComparing(PatternEntry::lastSeen, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(PatternEntry::pipeline)
                .thenComparing(PatternEntry::fingerprint));
        int inWindow = entries.size();
        List<PatternEntry> top = entries.size() > q.top() ? entries.subList(0, q.top()) : entries;
        return new PatternReport(now, q.pipeline(), from, to, previousFrom, from.minusDays(1), q.top(), inWindow, all,
                top);
    }

    private static Map<Key, Long> totals(List<PatternRepository.DayTotal> rows) {
        Map<Key, Long> m = new HashMap<>(rows.size() * 2);
        for (PatternRepository.DayTotal t : rows) m.merge(new Key(t.pipeline(), t.fingerprint()), t.total(), Long::sum);
        return m;
    }

    private record Key(String pipeline, String fingerprint) {
    }
}
