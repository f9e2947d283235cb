package io.etlrecovery.recovery;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps docs/configuration.md in step with the code. */
class ConfigurationDocTest {

    private static String doc() throws IOException {
        // tests run in the framework module's directory
        Path doc = Path.of("..", "docs", "configuration.md");
        return Files.readString(doc, StandardCharsets.UTF_8);
    }

    @Test
    void everyAcceptedKeyIsDocumented() throws IOException {
        String doc = doc();
        for (String key : RecoveryConfig.KEYS) {
            assertTrue(doc.contains("| `" + key + "` |"), key + " is missing from docs/configuration.md");
        }
        for (String key : RecoveryConfig.CATEGORY_KEYS) {
            assertTrue(doc.contains("| `policy.<category>." + key + "` |"), key);
        }
    }

    @Test
    void theDocumentedDecisionMatrixIsTheDefaultOne() throws IOException {
        assertTrue(doc().contains(RecoveryPolicies.defaults().toMarkdownTable()),
                "update docs/configuration.md with RecoveryPolicies.defaults().toMarkdownTable()");
    }

    @Test
    void theDocumentedExampleLoads() throws IOException {
        String doc = doc();
        int start = doc.indexOf("```properties\n") + "```properties\n".length();
        String example = doc.substring(start, doc.indexOf("```", start));
        Properties p = new Properties();
        p.load(new StringReader(example));
        RecoveryConfig c = RecoveryConfig.fromProperties("orders.properties", p);
        assertEquals(4, c.retryPolicy().maxAttempts());
        assertEquals(0.05, c.errorThreshold());
        assertEquals(OnExhausted.STOP_RUN, c.recoveryPolicies().get(ErrorCategory.UNKNOWN).onExhausted());
    }
}
