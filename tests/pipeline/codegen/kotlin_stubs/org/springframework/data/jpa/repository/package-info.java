@NullMarked
package org.springframework.data.jpa.repository;

import org.jspecify.annotations.NullMarked;
