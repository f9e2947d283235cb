/**
 * Machinery shared by the sample pipelines (parameter parsing). Unsupported: it may change
 * in any release; do not depend on it.
 */
package io.etlrecovery.samples.internal;
