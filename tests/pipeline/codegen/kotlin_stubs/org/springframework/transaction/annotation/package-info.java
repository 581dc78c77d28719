@NullMarked
package org.springframework.transaction.annotation;

import org.jspecify.annotations.NullMarked;
