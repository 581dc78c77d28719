package org.springframework.data.jpa.domain;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.io.Serializable;

@FunctionalInterface
public interface Specification<T> extends Serializable {
    static <T> Specification<T> not(Specification<T> spec) {
        throw new UnsupportedOperationException("stub");
    }

    static <T> Specification<T> where(Specification<T> spec) {
        throw new UnsupportedOperationException("stub");
    }

    default Specification<T> and(Specification<T> other) {
        throw new UnsupportedOperationException("stub");
    }

    default Specification<T> or(Specification<T> other) {
        throw new UnsupportedOperationException("stub");
    }

    Predicate toPredicate(Root<T> root, CriteriaQuery<?> query, CriteriaBuilder criteriaBuilder);
}
