package org.springframework.data.jpa.domain;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.From;
import jakarta.persistence.criteria.Predicate;
import java.io.Serializable;
import org.jspecify.annotations.Nullable;

@FunctionalInterface
public interface PredicateSpecification<T> extends Serializable {
    @Nullable Predicate toPredicate(From<?, T> from, CriteriaBuilder criteriaBuilder);
}
