@NullMarked
package io.wirewatch.feed.demo;

import org.jspecify.annotations.NullMarked;
