package jakarta.persistence.criteria;

public interface Expression<T> extends Selection<T> {
    Predicate isNull();

    Predicate isNotNull();

    <X> Expression<X> as(Class<X> type);
}
