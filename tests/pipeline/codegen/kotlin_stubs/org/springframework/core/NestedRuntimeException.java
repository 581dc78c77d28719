package org.springframework.core;

public abstract class NestedRuntimeException extends RuntimeException {
    public NestedRuntimeException(String msg) {
        super(msg);
    }

    public NestedRuntimeException(String msg, Throwable cause) {
        super(msg, cause);
    }

    public Throwable getRootCause() {
        return null;
    }
}
