@NullMarked
package org.springframework.dao;

import org.jspecify.annotations.NullMarked;
