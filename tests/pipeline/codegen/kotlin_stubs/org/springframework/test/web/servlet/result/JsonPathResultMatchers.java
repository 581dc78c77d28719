package org.springframework.test.web.servlet.result;

import org.springframework.test.web.servlet.ResultMatcher;

public class JsonPathResultMatchers {
    protected JsonPathResultMatchers(String expression, Object... args) {
    }

    public ResultMatcher value(Object expectedValue) {
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
