package org.mockito;

public class Mockito {
    public static <T> T mock(Class<T> classToMock) {
        throw new UnsupportedOperationException("stub");
    }

    public static <T> T verify(T mock) {
        throw new UnsupportedOperationException("stub");
    }
}
