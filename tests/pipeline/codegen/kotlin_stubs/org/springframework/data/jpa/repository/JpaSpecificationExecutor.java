package org.springframework.data.jpa.repository;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.DeleteSpecification;
import org.springframework.data.jpa.domain.PredicateSpecification;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.domain.UpdateSpecification;

// Spring Data JPA 4.0: every query method has a PredicateSpecification overload, so a bare
// lambda argument would be ambiguous; the templates build a typed Specification first.
public interface JpaSpecificationExecutor<T> {
    default Optional<T> findOne(PredicateSpecification<T> spec) {
        throw new UnsupportedOperationException("stub");
    }

    Optional<T> findOne(Specification<T> spec);

    default List<T> findAll(PredicateSpecification<T> spec) {
        throw new UnsupportedOperationException("stub");
    }

    List<T> findAll(Specification<T> spec);

    Page<T> findAll(Specification<T> spec, Pageable pageable);

    Page<T> findAll(
            @Nullable Specification<T> spec, @Nullable Specification<T> countSpec, Pageable pageable);

    List<T> findAll(Specification<T> spec, Sort sort);

    default long count(PredicateSpecification<T> spec) {
        throw new UnsupportedOperationException("stub");
    }

    long count(Specification<T> spec);

    default boolean exists(PredicateSpecification<T> spec) {
        throw new UnsupportedOperationException("stub");
    }

    boolean exists(Specification<T> spec);

    long update(UpdateSpecification<T> spec);

    default long delete(PredicateSpecification<T> spec) {
        throw new UnsupportedOperationException("stub");
    }

    long delete(DeleteSpecification<T> spec);
}
