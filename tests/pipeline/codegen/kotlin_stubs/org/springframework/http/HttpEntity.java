package org.springframework.http;

public class HttpEntity<T> {
    public T getBody() {
        return null;
    }

    public boolean hasBody() {
        return false;
    }
}
