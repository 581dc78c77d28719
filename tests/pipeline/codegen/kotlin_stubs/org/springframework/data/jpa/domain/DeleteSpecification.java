package org.springframework.data.jpa.domain;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaDelete;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.io.Serializable;
import org.jspecify.annotations.Nullable;

@FunctionalInterface
public interface DeleteSpecification<T> extends Serializable {
    @Nullable Predicate toPredicate(
            Root<T> root, CriteriaDelete<T> delete, CriteriaBuilder criteriaBuilder);
}
