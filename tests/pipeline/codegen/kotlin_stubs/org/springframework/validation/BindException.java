package org.springframework.validation;

import java.util.List;
import org.jspecify.annotations.Nullable;

public class BindException extends Exception implements BindingResult {
    public BindException(BindingResult bindingResult) {
    }

    public final BindingResult getBindingResult() {
        return null;
    }

    @Override
    public @Nullable Object getTarget() {
        return null;
    }

    @Override
    public String getObjectName() {
        return null;
    }

    @Override
    public boolean hasErrors() {
        return false;
    }

    @Override
    public int getErrorCount() {
        return 0;
    }

    @Override
    public List<ObjectError> getAllErrors() {
        return null;
    }

    @Override
    public List<ObjectError> getGlobalErrors() {
        return null;
    }

    @Override
    public List<FieldError> getFieldErrors() {
        return null;
    }

    @Override
    public @Nullable FieldError getFieldError(String field) {
        return null;
    }
}
