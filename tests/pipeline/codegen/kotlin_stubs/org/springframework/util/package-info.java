@NullMarked
package org.springframework.util;

import org.jspecify.annotations.NullMarked;
