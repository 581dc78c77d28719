package jakarta.persistence.criteria;

public interface CommonAbstractCriteria {
    Predicate getRestriction();
}
