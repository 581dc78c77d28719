package org.springframework.web.method.annotation;

import org.springframework.beans.TypeMismatchException;

public class MethodArgumentTypeMismatchException extends TypeMismatchException {
    public MethodArgumentTypeMismatchException(Object value, Class<?> requiredType, String name) {
        super(value, requiredType);
    }

    public String getName() {
        return null;
    }
}
