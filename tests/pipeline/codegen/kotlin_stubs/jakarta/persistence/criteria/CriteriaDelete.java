package jakarta.persistence.criteria;

public interface CriteriaDelete<T> extends CommonAbstractCriteria {
    Root<T> from(Class<T> entityClass);

    CriteriaDelete<T> where(Predicate... restrictions);
}
