@NullMarked
package io.wirewatch.security.ui;

import org.jspecify.annotations.NullMarked;
