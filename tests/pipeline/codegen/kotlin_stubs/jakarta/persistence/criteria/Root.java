package jakarta.persistence.criteria;

public interface Root<X> extends From<X, X> {
}
