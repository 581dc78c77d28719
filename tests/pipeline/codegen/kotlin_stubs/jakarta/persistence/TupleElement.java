package jakarta.persistence;

public interface TupleElement<X> {
    Class<? extends X> getJavaType();

    String getAlias();
}
