@NullMarked
package org.springframework.beans.factory.annotation;

import org.jspecify.annotations.NullMarked;
