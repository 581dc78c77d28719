@NullMarked
package org.springframework.boot.webmvc.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
