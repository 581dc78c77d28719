@NullMarked
package org.springframework.context.support;

import org.jspecify.annotations.NullMarked;
