package org.springframework.validation;

public class FieldError extends ObjectError {
    public String getField() {
        return null;
    }

    public Object getRejectedValue() {
        return null;
    }

    public boolean isBindingFailure() {
        return false;
    }
}
