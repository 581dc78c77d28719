package org.springframework.beans;

public abstract class PropertyAccessException extends BeansException {
    public PropertyAccessException(String msg) {
        super(msg);
    }

    public String getPropertyName() {
        return null;
    }

    public Object getValue() {
        return null;
    }
}
