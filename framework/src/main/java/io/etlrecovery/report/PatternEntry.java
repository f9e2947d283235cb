package io.etlrecovery.report;

import java.time.Instant;

/**
 * One recurring failure of one pipeline in the patterns report. Errors share a pattern when they share a
 * fingerprint: the same category, exception class, step and normalized message (ids, numbers, paths and
 * quoted values replaced by placeholders).
 *
 * @param pipeline            the pipeline
 * @param fingerprint         the pattern's fingerprint
 * @param stepName            the step it happens in, if known
 * @param category            TRANSIENT, CONFIGURATION, DATA, SYSTEM or UNKNOWN
 * @param errorType           the finer error type, e.g. VALIDATION
 * @param exceptionClass      the exception's class name
 * @param normalizedMessage   the message with its varying parts replaced by placeholders
 * @param exampleMessage      the latest message seen (redacted)
 * @param occurrences         occurrences in the report's window
 * @param previousOccurrences occurrences in the window of the same length just before it
 * @param trend               {@code occurrences} against {@code previousOccurrences}, see {@link Trend}
 * @param totalOccurrences    occurrences since the pattern was first seen
 * @param runsAffected        runs that hit the pattern since it was first seen
 * @param firstSeen           its first occurrence
 * @param lastSeen            its latest occurrence
 * @param recommendation      what to do about it
 */
public record PatternEntry(String pipeline, String fingerprint, String stepName, String category, String errorType,
                           String exceptionClass, String normalizedMessage, String exampleMessage, long occurrences,
                           long previousOccurrences, Trend trend, long totalOccurrences, int runsAffected,
                           Instant firstSeen, Instant lastSeen, String recommendation) {
}
