package io.etlrecovery.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;

class StackDigestTest {

    private final Redactor redactor = Redactor.defaults();

    private static <T extends Throwable> T withFrames(T t, int frames) {
        StackTraceElement[] stack = new StackTraceElement[frames];
        for (int i = 0; i < frames; i++) {
            stack[i] = new StackTraceElement("com.example.Loader", "step" + i, "Loader.java", 10 + i);
        }
        t.setStackTrace(stack);
        return t;
    }

    @Test
    void listsEachThrowableOfTheChainWithItsRedactedMessageAndTopFrames() {
        ConnectException root = withFrames(new ConnectException("Connection refused"), 5);
        SQLException sql = withFrames(new SQLException("cannot open postgresql://etl:s3cr3t@db/dw", "08001", root), 4);
        RuntimeException top = withFrames(new RuntimeException("load failed for batch 3", sql), 1);

        String digest = redactor.redactedStackDigest(top, 2);

        assertEquals("""
                java.lang.RuntimeException: load failed for batch 3
                \tat com.example.Loader.step0(Loader.java:10)
                Caused by: java.sql.SQLException: cannot open postgresql://etl:***@db/dw
                \tat com.example.Loader.step0(Loader.java:10)
                \tat com.example.Loader.step1(Loader.java:11)
                \t... 2 more
                Caused by: java.net.ConnectException: Connection refused
                \tat com.example.Loader.step0(Loader.java:10)
                \tat com.example.Loader.step1(Loader.java:11)
                \t... 3 more""", digest);
    }

    @Test
    void showsSqlNextExceptionsAndThrowablesWithoutMessage() {
        BatchUpdateException batch = withFrames(new BatchUpdateException("Batch entry 0 was aborted", new int[0]), 0);
        batch.setNextException(withFrames(new SQLException("duplicate key value", "23505"), 0));
        RuntimeException top = withFrames(new RuntimeException(batch), 0);
        top = withFrames(new IllegalStateException((String) null, top), 0);

        assertEquals("""
                java.lang.IllegalStateException
                Caused by: java.lang.RuntimeException: java.sql.BatchUpdateException: Batch entry 0 was aborted
                Caused by: java.sql.BatchUpdateException: Batch entry 0 was aborted
                Next exception: java.sql.SQLException: duplicate key value""",
                redactor.redactedStackDigest(top, 3));
    }

    @Test
    void isBoundedInLengthForHugeMessagesAndDeepChains() {
        Throwable t = withFrames(new RuntimeException("x".repeat(50_000) + " password=s3cr3t"), 200);
        for (int i = 0; i < 100; i++) {
            t = withFrames(new RuntimeException("layer " + i + " " + "y".repeat(900), t), 200);
        }
        String digest = redactor.redactedStackDigest(t, 50);
        assertTrue(digest.length() <= Redactor.MAX_DIGEST_LENGTH, "length " + digest.length());
        assertTrue(digest.endsWith("...(truncated)"), digest.substring(digest.length() - 40));
    }

    @Test
    void aSecretPastTheMessageCutIsNotShownHalfRedacted() {
        Throwable t = withFrames(new RuntimeException("y".repeat(990) + " password=s3cr3t-long-value"), 0);
        String digest = redactor.redactedStackDigest(t, 0);
        assertFalse(digest.contains("s3cr"), digest);
    }

    @Test
    void aCyclicChainIsListedOnce() {
        RuntimeException a = withFrames(new RuntimeException("a"), 0);
        RuntimeException b = withFrames(new RuntimeException("b", a), 0);
        a.initCause(b);
        assertEquals("java.lang.RuntimeException: a\nCaused by: java.lang.RuntimeException: b",
                redactor.redactedStackDigest(a, 0));
    }

    @Test
    void nullGivesAnEmptyDigestAndANegativeFrameCountIsRefused() {
        assertEquals("", redactor.redactedStackDigest(null, 3));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> redactor.redactedStackDigest(new RuntimeException(), -1)).getMessage()
                .startsWith("maxFramesPerThrowable:"));
    }
}
