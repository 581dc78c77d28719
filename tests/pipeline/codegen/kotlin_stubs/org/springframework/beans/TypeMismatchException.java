package org.springframework.beans;

public class TypeMismatchException extends PropertyAccessException {
    public TypeMismatchException(Object value, Class<?> requiredType) {
        super("Failed to convert value");
    }

    public Class<?> getRequiredType() {
        return null;
    }
}
