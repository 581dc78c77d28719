@NullMarked
package org.springframework.core;

import org.jspecify.annotations.NullMarked;
