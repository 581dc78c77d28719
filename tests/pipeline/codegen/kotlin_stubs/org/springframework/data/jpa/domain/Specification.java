package org.springframework.data.jpa.domain;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.io.Serializable;
import org.jspecify.annotations.Nullable;

// Spring Data JPA 4.0: null specifications are no longer accepted (where(Specification) is gone,
// unrestricted() replaces it), and the query passed to toPredicate may be null.
@FunctionalInterface
public interface Specification<T> extends Serializable {
    static <T> Specification<T> unrestricted() {
        throw new UnsupportedOperationException("stub");
    }

    static <T> Specification<T> where(PredicateSpecification<T> spec) {
        throw new UnsupportedOperationException("stub");
    }

    default Specification<T> and(Specification<T> other) {
        throw new UnsupportedOperationException("stub");
    }

    default Specification<T> and(PredicateSpecification<T> other) {
        throw new UnsupportedOperationException("stub");
    }

    default Specification<T> or(Specification<T> other) {
        throw new UnsupportedOperationException("stub");
    }

    default Specification<T> or(PredicateSpecification<T> other) {
        throw new UnsupportedOperationException("stub");
    }

    static <T> Specification<T> not(Specification<T> spec) {
        throw new UnsupportedOperationException("stub");
    }

    @SafeVarargs
    static <T> Specification<T> allOf(Specification<T>... specifications) {
        throw new UnsupportedOperationException("stub");
    }

    static <T> Specification<T> allOf(Iterable<Specification<T>> specifications) {
        throw new UnsupportedOperationException("stub");
    }

    @SafeVarargs
    static <T> Specification<T> anyOf(Specification<T>... specifications) {
        throw new UnsupportedOperationException("stub");
    }

    static <T> Specification<T> anyOf(Iterable<Specification<T>> specifications) {
        throw new UnsupportedOperationException("stub");
    }

    @Nullable Predicate toPredicate(
            Root<T> root, @Nullable CriteriaQuery<?> query, CriteriaBuilder criteriaBuilder);
}
