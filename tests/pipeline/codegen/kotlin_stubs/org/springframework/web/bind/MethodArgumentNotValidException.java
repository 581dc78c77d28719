package org.springframework.web.bind;

import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;

public class MethodArgumentNotValidException extends BindException {
    public MethodArgumentNotValidException(Object parameter, BindingResult bindingResult) {
        super(bindingResult);
    }
}
