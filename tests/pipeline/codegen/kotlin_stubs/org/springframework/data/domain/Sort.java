package org.springframework.data.domain;

import java.io.Serializable;

public class Sort implements Serializable {
    protected Sort() {
    }

    public static Sort by(String... properties) {
        throw new UnsupportedOperationException("stub");
    }

    public static Sort unsorted() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean isSorted() {
        return false;
    }

    public enum Direction {
        ASC,
        DESC
    }
}
