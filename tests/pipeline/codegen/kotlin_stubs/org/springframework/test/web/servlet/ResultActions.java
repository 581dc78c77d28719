package org.springframework.test.web.servlet;

public interface ResultActions {
    ResultActions andExpect(ResultMatcher matcher) throws Exception;

    default ResultActions andExpectAll(ResultMatcher... matchers) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    ResultActions andDo(ResultHandler handler) throws Exception;

    MvcResult andReturn();
}
