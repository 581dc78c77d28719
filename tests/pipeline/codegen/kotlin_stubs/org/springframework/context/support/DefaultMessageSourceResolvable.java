package org.springframework.context.support;

public class DefaultMessageSourceResolvable {
    public String[] getCodes() {
        return null;
    }

    public Object[] getArguments() {
        return null;
    }

    public String getDefaultMessage() {
        return null;
    }
}
