package jakarta.persistence.criteria;

public interface From<Z, X> extends Path<X>, FetchParent<Z, X> {
    <Y> Join<X, Y> join(String attributeName);
}
