package org.springframework.test.web.servlet;

@FunctionalInterface
public interface RequestBuilder {
    Object buildRequest(Object servletContext);
}
