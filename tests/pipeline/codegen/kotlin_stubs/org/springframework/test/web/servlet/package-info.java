@NullMarked
package org.springframework.test.web.servlet;

import org.jspecify.annotations.NullMarked;
