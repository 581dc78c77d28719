package org.springframework.validation;

import org.springframework.context.support.DefaultMessageSourceResolvable;

public class ObjectError extends DefaultMessageSourceResolvable {
    public String getObjectName() {
        return null;
    }
}
