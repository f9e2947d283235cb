/**
 * Machinery shared by the sample pipelines (parameter parsing, atomic file writes). Unsupported: it may change
 * in any release; do not depend on it.
 */
package io.etlrecovery.samples.internal;
