/**
 * Benchmark support, active only with the {@code bench} profile: the bare WebSocket baseline that
 * the Vaadin push path is measured against.
 */
@NullMarked
package io.wirewatch.bench;

import org.jspecify.annotations.NullMarked;
