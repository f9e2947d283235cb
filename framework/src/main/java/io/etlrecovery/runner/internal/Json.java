package io.etlrecovery.runner.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlrecovery.pipeline.Position;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON payloads of the store: parsed records, checkpoint progress data and run parameters. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> FIELDS = new TypeReference<>() {
    };

    private Json() {
    }

    public static String fields(Map<String, String> fields) {
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write fields as JSON", e);
        }
    }

    public static LinkedHashMap<String, String> readFields(String json) {
        if (json == null || json.isBlank()) return new LinkedHashMap<>();
        try {
            return MAPPER.readValue(json, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored record fields are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A run's parameters as the store records them: {@code {"batchSize":N}}, plus {@code "mode":"reprocess"} for a
     * run fed from the quarantine and {@code "force":true} for a forced one.
     */
    public static String runParameters(int batchSize, boolean reprocess, boolean force) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("batchSize", batchSize);
        if (reprocess) m.put("mode", "reprocess");
        if (force) m.put("force", true);
        try {
            return MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a run's {@link #runParameters parameters} mark it as fed from the quarantine. */
    public static boolean isReprocess(String runParameters) {
        if (runParameters == null || runParameters.isBlank()) return false;
        try {
            return "reprocess".equals(MAPPER.readTree(runParameters).path("mode").asText(null));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** The batch size recorded in a run's {@link #runParameters parameters}, or null if there is none. */
    public static Integer batchSizeOf(String runParameters) {
        if (runParameters == null || runParameters.isBlank()) return null;
        try {
            com.fasterxml.jackson.databind.JsonNode n = MAPPER.readTree(runParameters).path("batchSize");
            return n.canConvertToInt() && n.intValue() >= 1 ? n.intValue() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Checkpoint progress: the last position and the source's own resume data. */
    public static String progress(Position last, String sourceData) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (last != null) {
            m.put("record", last.recordNumber());
            m.put("line", last.lineNumber());
            if (last.key() != null) m.put("key", last.key());
        }
        if (sourceData != null) m.put("source", sourceData);
        try {
            return MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@link #progress}'s output back: the position (or null) and the source data (or null). */
    public static Progress readProgress(String json) {
        if (json == null || json.isBlank()) return new Progress(null, null);
        try {
            Map<String, Object> m = MAPPER.readValue(json, new TypeReference<Map<String, Object>>() { });
            Position p = null;
            if (m.get("record") != null) {
                long record = ((Number) m.get("record")).longValue();
                long line = m.get("line") == null ? 0 : ((Number) m.get("line")).longValue();
                Object key = m.get("key");
                p = new Position(record, line, key == null ? null : key.toString());
            }
            Object source = m.get("source");
            return new Progress(p, source == null ? null : source.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("checkpoint progress data is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Checkpoint progress data, read back. */
    public record Progress(Position last, String sourceData) {
    }
}
