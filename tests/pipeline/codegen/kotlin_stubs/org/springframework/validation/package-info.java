@NullMarked
package org.springframework.validation;

import org.jspecify.annotations.NullMarked;
