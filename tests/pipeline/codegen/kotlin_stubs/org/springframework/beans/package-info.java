@NullMarked
package org.springframework.beans;

import org.jspecify.annotations.NullMarked;
