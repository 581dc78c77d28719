@NullMarked
package org.springframework.data.jpa.domain;

import org.jspecify.annotations.NullMarked;
