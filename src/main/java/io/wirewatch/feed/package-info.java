@NullMarked
package io.wirewatch.feed;

import org.jspecify.annotations.NullMarked;
