package jakarta.persistence.criteria;

import jakarta.persistence.TupleElement;

public interface Selection<X> extends TupleElement<X> {
    Selection<X> alias(String name);
}
