@NullMarked
package io.wirewatch.alert.ui;

import org.jspecify.annotations.NullMarked;
