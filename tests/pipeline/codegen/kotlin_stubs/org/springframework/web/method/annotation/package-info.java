@NullMarked
package org.springframework.web.method.annotation;

import org.jspecify.annotations.NullMarked;
