@NullMarked
package org.springframework.test.context.bean.override.mockito;

import org.jspecify.annotations.NullMarked;
