package io.etlrecovery.runner;

import io.etlrecovery.pipeline.Position;
import io.etlrecovery.pipeline.RecordCodec;
import io.etlrecovery.pipeline.Source;
import io.etlrecovery.pipeline.SourceRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test source: each line "id,value" is a record; a line starting with "!" cannot be parsed. */
final class ListSource implements Source<String[]> {
    private final List<String> lines;
    private final String fingerprint;
    int opened;
    /** Called before each read: lets a test make reading take time on its clock. */
    Runnable onNext = () -> { };

    ListSource(List<String> lines, String fingerprint) {
        this.lines = lines;
        this.fingerprint = fingerprint;
    }

    @Override
    public Cursor<String[]> open(Checkpoint resumeAfter) {
        opened++;
        int start = resumeAfter == null || resumeAfter.data() == null ? 0 : Integer.parseInt(resumeAfter.data());
        return new Cursor<>() {
            int next = start;

            @Override
            public SourceRecord<String[]> next() {
                onNext.run();
                if (next >= lines.size()) return null;
                String line = lines.get(next++);
                Position p = Position.ofLine(next, next + 1);
                if (line.startsWith("!")) return SourceRecord.failed(p, line, new IllegalArgumentException("unparseable: " + line));
                return SourceRecord.parsed(p, line, line.split(",", -1));
            }

            @Override
            public Checkpoint checkpoint() {
                return new Checkpoint(next == 0 ? null : Position.ofLine(next, next + 1), Integer.toString(next));
            }

            @Override
            public double fractionRead() {
                return lines.isEmpty() ? 1 : (double) next / lines.size();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public String describe() {
        return "list";
    }

    @Override
    public RecordCodec<String[]> codec() {
        return new RecordCodec<>() {
            @Override
            public LinkedHashMap<String, String> toFields(String[] value) {
                LinkedHashMap<String, String> m = new LinkedHashMap<>();
                m.put("id", value[0]);
                if (value.length > 1) m.put("value", value[1]);
                return m;
            }

            @Override
            public String[] fromFields(Map<String, String> fields) {
                return new String[] {fields.getOrDefault("id", ""), fields.getOrDefault("value", "")};
            }

            @Override
            public String[] fromRaw(String raw) {
                return raw.split(",", -1);
            }
        };
    }
}
