@NullMarked
package org.springframework.boot;

import org.jspecify.annotations.NullMarked;
