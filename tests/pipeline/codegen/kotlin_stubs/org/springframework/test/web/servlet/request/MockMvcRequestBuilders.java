package org.springframework.test.web.servlet.request;

public abstract class MockMvcRequestBuilders {
    public static MockHttpServletRequestBuilder get(String urlTemplate, Object... uriVariables) {
        throw new UnsupportedOperationException("stub");
    }

    public static MockHttpServletRequestBuilder post(String urlTemplate, Object... uriVariables) {
        throw new UnsupportedOperationException("stub");
    }

    public static MockHttpServletRequestBuilder put(String urlTemplate, Object... uriVariables) {
        throw new UnsupportedOperationException("stub");
    }

    public static MockHttpServletRequestBuilder patch(String urlTemplate, Object... uriVariables) {
        throw new UnsupportedOperationException("stub");
    }

    public static MockHttpServletRequestBuilder delete(String urlTemplate, Object... uriVariables) {
        throw new UnsupportedOperationException("stub");
    }
}
