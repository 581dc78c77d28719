package org.springframework.beans;

import org.jspecify.annotations.Nullable;

public abstract class PropertyAccessException extends BeansException {
    public PropertyAccessException(String msg) {
        super(msg);
    }

    public @Nullable String getPropertyName() {
        return null;
    }

    public @Nullable Object getValue() {
        return null;
    }
}
