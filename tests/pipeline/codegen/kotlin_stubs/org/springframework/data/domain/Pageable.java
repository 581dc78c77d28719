package org.springframework.data.domain;

public interface Pageable {
    static Pageable unpaged() {
        throw new UnsupportedOperationException("stub");
    }

    static Pageable ofSize(int pageSize) {
        throw new UnsupportedOperationException("stub");
    }

    default boolean isPaged() {
        return true;
    }

    int getPageNumber();

    int getPageSize();

    long getOffset();

    Sort getSort();

    Pageable next();

    Pageable first();
}
