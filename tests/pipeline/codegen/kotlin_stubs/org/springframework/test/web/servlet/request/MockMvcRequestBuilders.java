package org.springframework.test.web.servlet.request;

import org.jspecify.annotations.Nullable;

public abstract class MockMvcRequestBuilders {
    public static MockHttpServletRequestBuilder get(String urlTemplate, @Nullable Object... uriVariables) {
        throw new UnsupportedOperationException("stub");
    }

    public static MockHttpServletRequestBuilder post(String urlTemplate, @Nullable Object... uriVariables) {
        throw new UnsupportedOperationException("stub");
    }

    public static MockHttpServletRequestBuilder put(String urlTemplate, @Nullable Object... uriVariables) {
        throw new UnsupportedOperationException("stub");
    }

    public static MockHttpServletRequestBuilder patch(String urlTemplate, @Nullable Object... uriVariables) {
        throw new UnsupportedOperationException("stub");
    }

    public static MockHttpServletRequestBuilder delete(String urlTemplate, @Nullable Object... uriVariables) {
        throw new UnsupportedOperationException("stub");
    }
}
