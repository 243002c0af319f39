@NullMarked
package io.wirewatch.security;

import org.jspecify.annotations.NullMarked;
