package io.etlrecovery.recovery;

/**
 * What kind of failure happened, which decides how it is handled (see {@link RecoveryPolicies}).
 *
 * <ul>
 *   <li>{@link #TRANSIENT}: may succeed if tried again (timeouts, connection resets, deadlocks, rate limits).</li>
 *   <li>{@link #CONFIGURATION}: will fail for every record until a person fixes something (credentials,
 *       permissions, an unknown table). Never retried; the run stops.</li>
 *   <li>{@link #DATA}: this record is bad (unparseable number, invalid date, constraint violation). Never
 *       retried; the record is quarantined.</li>
 *   <li>{@link #SYSTEM}: the machine is in trouble (out of memory, disk full, too many open files).</li>
 *   <li>{@link #UNKNOWN}: nothing matched; retried a little, then quarantined.</li>
 * </ul>
 */
public enum ErrorCategory {
    TRANSIENT, CONFIGURATION, DATA, SYSTEM, UNKNOWN
}
