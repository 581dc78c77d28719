package org.springframework.test.context.bean.override.mockito;

public enum MockReset {
    BEFORE,
    AFTER,
    NONE
}
