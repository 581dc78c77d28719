package org.springframework.validation;

public interface BindingResult extends Errors {
    Object getTarget();
}
