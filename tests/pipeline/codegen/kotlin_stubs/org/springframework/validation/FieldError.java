package org.springframework.validation;

import org.jspecify.annotations.Nullable;

public class FieldError extends ObjectError {
    public String getField() {
        return null;
    }

    public @Nullable Object getRejectedValue() {
        return null;
    }

    public boolean isBindingFailure() {
        return false;
    }
}
