@NullMarked
package org.springframework.test.web.servlet.result;

import org.jspecify.annotations.NullMarked;
