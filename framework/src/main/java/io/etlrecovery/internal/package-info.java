/**
 * Machinery shared by the framework's packages (formatting for messages and reports). Not supported for use
 * outside etl-recovery: it may change in any release.
 */
package io.etlrecovery.internal;
