package jakarta.persistence.criteria;

public interface CriteriaUpdate<T> extends CommonAbstractCriteria {
    Root<T> from(Class<T> entityClass);

    CriteriaUpdate<T> where(Predicate... restrictions);
}
