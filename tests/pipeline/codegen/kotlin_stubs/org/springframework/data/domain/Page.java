package org.springframework.data.domain;

import java.util.function.Function;

public interface Page<T> extends Slice<T> {
    static <T> Page<T> empty() {
        throw new UnsupportedOperationException("stub");
    }

    int getTotalPages();

    long getTotalElements();

    @Override
    <U> Page<U> map(Function<? super T, ? extends U> converter);
}
