@NullMarked
package io.wirewatch.admin;

import org.jspecify.annotations.NullMarked;
