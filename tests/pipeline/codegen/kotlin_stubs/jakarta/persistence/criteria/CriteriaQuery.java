package jakarta.persistence.criteria;

public interface CriteriaQuery<T> extends AbstractQuery<T> {
    CriteriaQuery<T> where(Predicate... restrictions);
}
