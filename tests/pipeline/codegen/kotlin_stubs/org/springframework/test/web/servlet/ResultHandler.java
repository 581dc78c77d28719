package org.springframework.test.web.servlet;

@FunctionalInterface
public interface ResultHandler {
    void handle(MvcResult result) throws Exception;
}
