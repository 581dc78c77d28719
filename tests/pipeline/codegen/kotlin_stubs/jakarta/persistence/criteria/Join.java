package jakarta.persistence.criteria;

public interface Join<Z, X> extends From<Z, X> {
}
