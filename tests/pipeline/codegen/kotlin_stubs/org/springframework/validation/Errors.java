package org.springframework.validation;

import java.util.List;

public interface Errors {
    String getObjectName();

    boolean hasErrors();

    int getErrorCount();

    List<ObjectError> getAllErrors();

    List<ObjectError> getGlobalErrors();

    List<FieldError> getFieldErrors();

    FieldError getFieldError(String field);
}
