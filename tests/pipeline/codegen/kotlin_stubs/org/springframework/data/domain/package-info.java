@NullMarked
package org.springframework.data.domain;

import org.jspecify.annotations.NullMarked;
