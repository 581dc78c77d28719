package org.springframework.test.web.servlet.result;

import org.springframework.test.web.servlet.ResultMatcher;

public class StatusResultMatchers {
    protected StatusResultMatchers() {
    }

    public ResultMatcher is(int status) {
        throw new UnsupportedOperationException("stub");
    }

    public ResultMatcher isOk() {
        throw new UnsupportedOperationException("stub");
    }

    public ResultMatcher isCreated() {
        throw new UnsupportedOperationException("stub");
    }

    public ResultMatcher isNoContent() {
        throw new UnsupportedOperationException("stub");
    }

    public ResultMatcher isBadRequest() {
        throw new UnsupportedOperationException("stub");
    }

    public ResultMatcher isNotFound() {
        throw new UnsupportedOperationException("stub");
    }

    public ResultMatcher isConflict() {
        throw new UnsupportedOperationException("stub");
    }
}
