package org.springframework.test.web.servlet.result;

import org.springframework.test.web.servlet.ResultMatcher;
import org.jspecify.annotations.Nullable;

public class JsonPathResultMatchers {
    protected JsonPathResultMatchers(String expression, @Nullable Object... args) {
    }

    public ResultMatcher value(@Nullable Object expectedValue) {
        throw new UnsupportedOperationException("stub");
    }

    public ResultMatcher exists() {
        throw new UnsupportedOperationException("stub");
    }

    public ResultMatcher doesNotExist() {
        throw new UnsupportedOperationException("stub");
    }

    public ResultMatcher isArray() {
        throw new UnsupportedOperationException("stub");
    }

    public ResultMatcher isString() {
        throw new UnsupportedOperationException("stub");
    }
}
