package org.springframework.core;

import org.jspecify.annotations.Nullable;

public abstract class NestedRuntimeException extends RuntimeException {
    public NestedRuntimeException(@Nullable String msg) {
        super(msg);
    }

    public NestedRuntimeException(@Nullable String msg, @Nullable Throwable cause) {
        super(msg, cause);
    }

    public @Nullable Throwable getRootCause() {
        return null;
    }
}
