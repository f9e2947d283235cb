package io.etlrecovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // scopes are opened for their effect, not referenced
class LogContextTest {

    @Test
    void aScopeSetsTheKeyAndRemovesItWhenClosed() {
        try (LogContext.Scope scope = LogContext.put(LogContext.RUN_ID, 42L)) {
            assertEquals("42", LogContext.get("etl.runId"));
        }
        assertNull(LogContext.get(LogContext.RUN_ID));
    }

    @Test
    void nestedScopesRestoreThePreviousValue() {
        try (LogContext.Scope outer = LogContext.put(LogContext.STEP, "extract")) {
            try (LogContext.Scope inner = LogContext.put(LogContext.STEP, "load")) {
                assertEquals("load", LogContext.get(LogContext.STEP));
            }
            assertEquals("extract", LogContext.get(LogContext.STEP));
        }
        assertNull(LogContext.get(LogContext.STEP));
    }

    @Test
    void aNullValueRemovesTheKeyForTheScope() {
        try (LogContext.Scope batch = LogContext.put(LogContext.BATCH, 7)) {
            try (LogContext.Scope none = LogContext.put(LogContext.BATCH, null)) {
                assertNull(LogContext.get(LogContext.BATCH));
            }
            assertEquals("7", LogContext.get(LogContext.BATCH));
        }
    }

    @Test
    void closingTwiceDoesNotUndoALaterValue() {
        LogContext.Scope first = LogContext.put(LogContext.PIPELINE, "orders");
        first.close();
        try (LogContext.Scope later = LogContext.put(LogContext.PIPELINE, "payments")) {
            first.close();
            assertEquals("payments", LogContext.get(LogContext.PIPELINE));
        }
        assertNull(LogContext.get(LogContext.PIPELINE));
    }

    @Test
    void valuesAreKeptPerThread() throws InterruptedException {
        try (LogContext.Scope scope = LogContext.put(LogContext.RUN_ID, "run-1")) {
            String[] seen = new String[1];
            Thread other = new Thread(() -> {
                try (LogContext.Scope mine = LogContext.put(LogContext.RUN_ID, "run-2")) {
                    seen[0] = LogContext.get(LogContext.RUN_ID);
                }
            });
            other.start();
            other.join();
            assertEquals("run-2", seen[0]);
            assertEquals("run-1", LogContext.get(LogContext.RUN_ID));
        }
    }

    @Test
    void theKeysAreTheDocumentedNames() {
        assertEquals("etl.runId", LogContext.RUN_ID);
        assertEquals("etl.pipeline", LogContext.PIPELINE);
        assertEquals("etl.step", LogContext.STEP);
        assertEquals("etl.batch", LogContext.BATCH);
    }

    @Test
    void aBlankKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LogContext.put(" ", "x"));
    }
}
