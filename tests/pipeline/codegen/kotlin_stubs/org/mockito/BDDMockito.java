package org.mockito;

public class BDDMockito extends Mockito {
    public interface BDDMyOngoingStubbing<T> {
        BDDMyOngoingStubbing<T> willReturn(T value);

        BDDMyOngoingStubbing<T> willReturn(T value, T... values);

        BDDMyOngoingStubbing<T> willThrow(Throwable... throwables);

        BDDMyOngoingStubbing<T> willThrow(Class<? extends Throwable> throwableType);

        <M> M getMock();
    }

    public interface BDDStubber {
        <T> T given(T mock);

        BDDStubber willDoNothing();

        BDDStubber willThrow(Throwable... toBeThrown);
    }

    public static <T> BDDMyOngoingStubbing<T> given(T methodCall) {
        throw new UnsupportedOperationException("stub");
    }

    public static BDDStubber willThrow(Throwable... toBeThrown) {
        throw new UnsupportedOperationException("stub");
    }

    public static BDDStubber willThrow(Class<? extends Throwable> toBeThrown) {
        throw new UnsupportedOperationException("stub");
    }

    public static BDDStubber willDoNothing() {
        throw new UnsupportedOperationException("stub");
    }
}
