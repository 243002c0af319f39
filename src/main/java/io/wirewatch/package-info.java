@NullMarked
package io.wirewatch;

import org.jspecify.annotations.NullMarked;
