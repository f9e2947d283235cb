/**
 * Internals of {@link io.etlrecovery.recovery}: the flattened cause chain and the rules-file reader. Not API: may
 * change in any release; use the public types of {@code io.etlrecovery.recovery}.
 */
package io.etlrecovery.recovery.internal;
