package org.springframework.data.util;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

public interface Streamable<T> extends Iterable<T>, Supplier<Stream<T>> {
    default boolean isEmpty() {
        return !iterator().hasNext();
    }

    default <R> Streamable<R> map(Function<? super T, ? extends R> mapper) {
        throw new UnsupportedOperationException("stub");
    }

    default Stream<T> stream() {
        throw new UnsupportedOperationException("stub");
    }

    default List<T> toList() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    default Stream<T> get() {
        return stream();
    }
}
