@NullMarked
package org.springframework.web.bind.annotation;

import org.jspecify.annotations.NullMarked;
