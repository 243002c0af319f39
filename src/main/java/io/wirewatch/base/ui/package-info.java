@NullMarked
package io.wirewatch.base.ui;

import org.jspecify.annotations.NullMarked;
