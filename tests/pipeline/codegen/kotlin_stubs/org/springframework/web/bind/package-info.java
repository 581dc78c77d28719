@NullMarked
package org.springframework.web.bind;

import org.jspecify.annotations.NullMarked;
