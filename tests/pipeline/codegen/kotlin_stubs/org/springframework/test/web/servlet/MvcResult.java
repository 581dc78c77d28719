package org.springframework.test.web.servlet;

import org.jspecify.annotations.Nullable;

public interface MvcResult {
    @Nullable Object getHandler();

    @Nullable Exception getResolvedException();
}
