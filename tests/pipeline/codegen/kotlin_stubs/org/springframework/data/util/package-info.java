@NullMarked
package org.springframework.data.util;

import org.jspecify.annotations.NullMarked;
