package org.springframework.context.support;

import org.jspecify.annotations.Nullable;

public class DefaultMessageSourceResolvable {
    public String @Nullable [] getCodes() {
        return null;
    }

    public Object @Nullable [] getArguments() {
        return null;
    }

    public @Nullable String getDefaultMessage() {
        return null;
    }
}
