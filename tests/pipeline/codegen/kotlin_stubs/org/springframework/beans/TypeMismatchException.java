package org.springframework.beans;

import org.jspecify.annotations.Nullable;

public class TypeMismatchException extends PropertyAccessException {
    public TypeMismatchException(@Nullable Object value, @Nullable Class<?> requiredType) {
        super("Failed to convert value");
    }

    public @Nullable Class<?> getRequiredType() {
        return null;
    }
}
