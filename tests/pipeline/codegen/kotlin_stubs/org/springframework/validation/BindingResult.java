package org.springframework.validation;

import org.jspecify.annotations.Nullable;

public interface BindingResult extends Errors {
    @Nullable Object getTarget();
}
