package jakarta.persistence.criteria;

public interface FetchParent<Z, X> {
}
