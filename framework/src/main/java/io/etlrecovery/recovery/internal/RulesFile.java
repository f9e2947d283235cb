package io.etlrecovery.recovery.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlrecovery.recovery.ClassificationRule;
import io.etlrecovery.recovery.ErrorCategory;
import io.etlrecovery.recovery.ErrorType;
import io.etlrecovery.recovery.InvalidConfigurationException;
import io.etlrecovery.recovery.Severity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Internal: reads a classification rules file (JSON, format in {@code docs/classification-rules.md}). Not API;
 * use {@code ErrorClassifier.builder().rulesFrom(path)}.
 */
public final class RulesFile {

    static final Set<String> RULE_KEYS = Set.of("name", "exception", "sqlState", "message", "category", "type",
            "severity", "recoverable", "remediation");
    private static final String ALLOWED_KEYS =
            "name, exception, sqlState, message, category, type, severity, recoverable, remediation";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private RulesFile() {
    }

    /**
     * Reads and checks every rule of {@code file}.
     *
     * @throws InvalidConfigurationException naming the file, the rule (index and name) and the key at fault
     */
    public static List<ClassificationRule> load(Path file) {
        String where = "classification rules file " + file.toAbsolutePath();
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new InvalidConfigurationException(where + ": not valid JSON"
                    + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidConfigurationException(where + ": cannot be read (" + e + ")", e);
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new InvalidConfigurationException(where + ": must hold a JSON object {\"rules\": [...]}");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("rules")) {
                throw new InvalidConfigurationException(where + ": unknown top-level key \"" + key
                        + "\"; the only key is \"rules\"");
            }
        }
        JsonNode rules = root.get("rules");
        if (rules == null || !rules.isArray()) {
            throw new InvalidConfigurationException(where + ": key \"rules\" is "
                    + (rules == null ? "missing" : "not an array") + "; expected {\"rules\": [ {...}, ... ]}");
        }
        List<ClassificationRule> result = new ArrayList<>(rules.size());
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode node = rules.get(i);
            if (!node.isObject()) {
                throw new InvalidConfigurationException(where + ", rules[" + i + "]: must be a JSON object, was "
                        + node.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            ClassificationRule rule = parseRule(where, i, (ObjectNode) node);
            Integer previous = names.putIfAbsent(rule.name(), i);
            if (previous != null) {
                throw new InvalidConfigurationException(where + ", rules[" + i + "] (\"" + rule.name()
                        + "\"): key \"name\": rules[" + previous + "] has the same name; names must be unique");
            }
            result.add(rule);
        }
        return List.copyOf(result);
    }

    private static ClassificationRule parseRule(String where, int index, ObjectNode node) {
        JsonNode nameNode = node.get("name");
        String label = where + ", rules[" + index + "]"
                + (nameNode != null && nameNode.isTextual() ? " (\"" + nameNode.asText() + "\")" : "");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!RULE_KEYS.contains(key)) {
                throw new InvalidConfigurationException(label + ": unknown key \"" + key + "\"; allowed keys: "
                        + ALLOWED_KEYS);
            }
        }
        String name = requiredText(label, node, "name");
        ClassificationRule.Builder b;
        try {
            b = ClassificationRule.builder(name);
        } catch (IllegalArgumentException e) {
            throw keyError(label, "name", e);
        }
        boolean condition = false;
        String exception = optionalText(label, node, "exception");
        if (exception != null) {
            condition = true;
            try {
                b.exceptionType(exception);
            } catch (IllegalArgumentException e) {
                throw keyError(label, "exception", e);
            }
        }
        JsonNode sqlState = node.get("sqlState");
        if (sqlState != null) {
            condition = true;
            String[] states;
            if (sqlState.isTextual()) {
                states = new String[] {sqlState.asText()};
            } else if (sqlState.isArray() && !sqlState.isEmpty()) {
                states = new String[sqlState.size()];
                for (int i = 0; i < states.length; i++) {
                    if (!sqlState.get(i).isTextual()) {
                        throw new InvalidConfigurationException(label + ": key \"sqlState\": must be a string or "
                                + "an array of strings");
                    }
                    states[i] = sqlState.get(i).asText();
                }
            } else {
                throw new InvalidConfigurationException(label + ": key \"sqlState\": must be a string such as "
                        + "\"08\" or \"40P01\", or a non-empty array of them");
            }
            try {
                b.sqlState(states);
            } catch (IllegalArgumentException e) {
                throw keyError(label, "sqlState", e);
            }
        }
        String message = optionalText(label, node, "message");
        if (message != null) {
            condition = true;
            try {
                b.messageMatches(message);
            } catch (IllegalArgumentException e) {
                throw keyError(label, "message", e);
            }
        }
        if (!condition) {
            throw new InvalidConfigurationException(label + ": has no condition; give at least one of the keys "
                    + "\"exception\", \"sqlState\", \"message\"");
        }
        b.category(enumValue(label, node, "category", ErrorCategory.class, true));
        ErrorType type = enumValue(label, node, "type", ErrorType.class, false);
        if (type != null) {
            b.type(type);
        }
        Severity severity = enumValue(label, node, "severity", Severity.class, false);
        if (severity != null) {
            b.severity(severity);
        }
        JsonNode recoverable = node.get("recoverable");
        if (recoverable != null) {
            if (!recoverable.isBoolean()) {
                throw new InvalidConfigurationException(label + ": key \"recoverable\": must be true or false, was "
                        + recoverable);
            }
            b.recoverable(recoverable.booleanValue());
        }
        String remediation = optionalText(label, node, "remediation");
        if (remediation != null) {
            try {
                b.remediation(remediation);
            } catch (IllegalArgumentException e) {
                throw keyError(label, "remediation", e);
            }
        }
        return b.build();
    }

    private static String requiredText(String label, ObjectNode node, String key) {
        String value = optionalText(label, node, key);
        if (value == null) {
            throw new InvalidConfigurationException(label + ": key \"" + key + "\" is missing; it is required");
        }
        return value;
    }

    private static String optionalText(String label, ObjectNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidConfigurationException(label + ": key \"" + key + "\": must be a string, was " + value);
        }
        return value.asText();
    }

    private static <E extends Enum<E>> E enumValue(String label, ObjectNode node, String key, Class<E> type,
                                                   boolean required) {
        String text = required ? requiredText(label, node, key) : optionalText(label, node, key);
        if (text == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text.strip())) {
                return constant;
            }
        }
        throw new InvalidConfigurationException(label + ": key \"" + key + "\": \"" + text + "\" is not one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    private static InvalidConfigurationException keyError(String label, String key, IllegalArgumentException e) {
        String detail = e.getMessage();
        int colon = detail.indexOf(": ");
        if (colon > 0 && colon < 20) {
            detail = detail.substring(colon + 2); // drop the builder's own parameter name
        }
        return new InvalidConfigurationException(label + ": key \"" + key + "\": " + detail, e);
    }
}
