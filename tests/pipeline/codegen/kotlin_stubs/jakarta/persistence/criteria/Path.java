package jakarta.persistence.criteria;

public interface Path<X> extends Expression<X> {
    Path<?> getParentPath();

    <Y> Path<Y> get(String attributeName);
}
