package org.springframework.web.method.annotation;

import org.springframework.beans.TypeMismatchException;
import org.jspecify.annotations.Nullable;

public class MethodArgumentTypeMismatchException extends TypeMismatchException {
    public MethodArgumentTypeMismatchException(@Nullable Object value, @Nullable Class<?> requiredType, String name) {
        super(value, requiredType);
    }

    public String getName() {
        return null;
    }
}
