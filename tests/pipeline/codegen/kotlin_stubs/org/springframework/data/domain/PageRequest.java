package org.springframework.data.domain;

public class PageRequest implements Pageable {
    protected PageRequest(int pageNumber, int pageSize, Sort sort) {
    }

    public static PageRequest of(int pageNumber, int pageSize) {
        throw new UnsupportedOperationException("stub");
    }

    public static PageRequest of(int pageNumber, int pageSize, Sort sort) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getPageNumber() {
        return 0;
    }

    @Override
    public int getPageSize() {
        return 0;
    }

    @Override
    public long getOffset() {
        return 0;
    }

    @Override
    public Sort getSort() {
        return null;
    }

    @Override
    public PageRequest next() {
        return null;
    }

    @Override
    public PageRequest first() {
        return null;
    }
}
