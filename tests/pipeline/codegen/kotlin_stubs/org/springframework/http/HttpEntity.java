package org.springframework.http;

import org.jspecify.annotations.Nullable;

public class HttpEntity<T> {
    public @Nullable T getBody() {
        return null;
    }

    public boolean hasBody() {
        return false;
    }
}
