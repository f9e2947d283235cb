/**
 * Machinery of {@code io.etlrecovery.io}: file decoding with seek points, the character window that feeds
 * Commons CSV, SQL identifier checks, the SELECT shape scanner, JSON text. Internal and unsupported: these
 * types may change or disappear in any release; do not use them from outside the framework.
 */
package io.etlrecovery.io.internal;
