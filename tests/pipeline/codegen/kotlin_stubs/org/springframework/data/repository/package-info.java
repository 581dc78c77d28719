@NullMarked
package org.springframework.data.repository;

import org.jspecify.annotations.NullMarked;
