@NullMarked
package org.springframework.http.converter;

import org.jspecify.annotations.NullMarked;
