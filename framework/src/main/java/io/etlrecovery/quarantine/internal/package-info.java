/**
 * How quarantine exports are written and read back (columns, formula escaping, atomic replacement) and how
 * quarantined records are fed through a pipeline again (a source over the store's rows or a corrected export,
 * and the hooks that update their status). Not an API: anything here may change without notice.
 */
package io.etlrecovery.quarantine.internal;
