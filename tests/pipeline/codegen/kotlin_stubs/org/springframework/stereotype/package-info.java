@NullMarked
package org.springframework.stereotype;

import org.jspecify.annotations.NullMarked;
