package org.springframework.validation;

import java.util.List;
import org.jspecify.annotations.Nullable;

public interface Errors {
    String getObjectName();

    boolean hasErrors();

    int getErrorCount();

    List<ObjectError> getAllErrors();

    List<ObjectError> getGlobalErrors();

    List<FieldError> getFieldErrors();

    @Nullable FieldError getFieldError(String field);
}
