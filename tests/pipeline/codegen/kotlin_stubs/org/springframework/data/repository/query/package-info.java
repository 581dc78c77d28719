@NullMarked
package org.springframework.data.repository.query;

import org.jspecify.annotations.NullMarked;
