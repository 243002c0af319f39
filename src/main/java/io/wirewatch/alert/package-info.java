@NullMarked
package io.wirewatch.alert;

import org.jspecify.annotations.NullMarked;
