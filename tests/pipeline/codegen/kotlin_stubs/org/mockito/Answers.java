package org.mockito;

public enum Answers {
    RETURNS_DEFAULTS,
    RETURNS_SMART_NULLS,
    RETURNS_MOCKS,
    RETURNS_DEEP_STUBS,
    CALLS_REAL_METHODS,
    RETURNS_SELF
}
