@NullMarked
package org.springframework.context;

import org.jspecify.annotations.NullMarked;
