@NullMarked
package org.springframework.test.web.servlet.request;

import org.jspecify.annotations.NullMarked;
