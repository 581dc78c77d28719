package org.springframework.data.jpa.domain;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaUpdate;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.io.Serializable;
import org.jspecify.annotations.Nullable;

@FunctionalInterface
public interface UpdateSpecification<T> extends Serializable {
    @Nullable Predicate toPredicate(
            Root<T> root, CriteriaUpdate<T> update, CriteriaBuilder criteriaBuilder);
}
