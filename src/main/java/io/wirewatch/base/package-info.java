/** Small helpers every layer shares, with no dependency on any of them. */
@NullMarked
package io.wirewatch.base;

import org.jspecify.annotations.NullMarked;
