package jakarta.persistence.criteria;

public interface CriteriaBuilder {
    Predicate and(Expression<Boolean> x, Expression<Boolean> y);

    Predicate and(Predicate... restrictions);

    Predicate or(Expression<Boolean> x, Expression<Boolean> y);

    Predicate or(Predicate... restrictions);

    Predicate equal(Expression<?> x, Object y);

    Expression<String> lower(Expression<String> x);

    Expression<String> upper(Expression<String> x);

    Predicate like(Expression<String> x, Expression<String> pattern);

    Predicate like(Expression<String> x, String pattern);

    Predicate like(Expression<String> x, Expression<String> pattern, char escapeChar);

    Predicate like(Expression<String> x, String pattern, char escapeChar);
}
