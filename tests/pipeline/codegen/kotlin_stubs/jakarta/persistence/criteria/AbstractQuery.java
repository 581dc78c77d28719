package jakarta.persistence.criteria;

public interface AbstractQuery<T> extends CommonAbstractCriteria {
    AbstractQuery<T> distinct(boolean distinct);

    Class<T> getResultType();
}
