@NullMarked
package io.wirewatch.admin.ui;

import org.jspecify.annotations.NullMarked;
