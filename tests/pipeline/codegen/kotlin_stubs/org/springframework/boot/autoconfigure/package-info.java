@NullMarked
package org.springframework.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
