package org.springframework.data.repository;

import java.util.List;
import org.springframework.data.domain.Sort;

public interface ListPagingAndSortingRepository<T, ID> extends PagingAndSortingRepository<T, ID> {
    @Override
    List<T> findAll(Sort sort);
}
