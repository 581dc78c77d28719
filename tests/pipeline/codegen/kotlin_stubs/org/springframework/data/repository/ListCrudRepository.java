package org.springframework.data.repository;

import java.util.List;

public interface ListCrudRepository<T, ID> extends CrudRepository<T, ID> {
    @Override
    <S extends T> List<S> saveAll(Iterable<S> entities);

    @Override
    List<T> findAll();

    @Override
    List<T> findAllById(Iterable<ID> ids);
}
