@NullMarked
package org.springframework.data.web;

import org.jspecify.annotations.NullMarked;
