package org.springframework.test.web.servlet;

public interface MvcResult {
    Object getHandler();

    Exception getResolvedException();
}
