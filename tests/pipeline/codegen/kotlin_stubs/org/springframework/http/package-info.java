@NullMarked
package org.springframework.http;

import org.jspecify.annotations.NullMarked;
