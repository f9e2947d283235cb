/**
 * Recovery: deciding what a failure is and what to do about it.
 *
 * <ul>
 *   <li><b>Classification</b>: {@link io.etlrecovery.recovery.ErrorClassifier} turns a {@link java.lang.Throwable}
 *       into a {@link io.etlrecovery.recovery.Classification} ({@link io.etlrecovery.recovery.ErrorCategory},
 *       {@link io.etlrecovery.recovery.ErrorType}, {@link io.etlrecovery.recovery.Severity}, a remediation text)
 *       using ordered {@link io.etlrecovery.recovery.ClassificationRule}s: a default set plus rules of your own,
 *       in code or in a JSON rules file.</li>
 *   <li><b>Safe diagnostics</b>: {@link io.etlrecovery.recovery.Redactor} removes secrets from messages and stack
 *       digests before they are logged or stored; {@link io.etlrecovery.recovery.ErrorFingerprint} groups
 *       occurrences of the same problem.</li>
 *   <li><b>Policies</b>: retry policies with backoff, circuit breakers, fallbacks and alerts, chosen per category.</li>
 *   <li><b>The manager</b>: the error recovery manager that applies classification and policies to each failure
 *       of a run.</li>
 * </ul>
 *
 * Everything here is immutable or thread-safe unless its Javadoc says otherwise; classification and redaction
 * are cheap enough to run for every failure. {@code io.etlrecovery.recovery.internal} is not API.
 */
package io.etlrecovery.recovery;
