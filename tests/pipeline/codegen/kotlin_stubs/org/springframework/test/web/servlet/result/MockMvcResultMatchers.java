package org.springframework.test.web.servlet.result;

import org.jspecify.annotations.Nullable;

public abstract class MockMvcResultMatchers {
    public static StatusResultMatchers status() {
        throw new UnsupportedOperationException("stub");
    }

    public static JsonPathResultMatchers jsonPath(String expression, @Nullable Object... args) {
        throw new UnsupportedOperationException("stub");
    }
}
