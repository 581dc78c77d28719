package org.springframework.http;

import java.io.Serializable;

public interface HttpStatusCode extends Serializable {
    int value();

    boolean is2xxSuccessful();

    boolean is4xxClientError();

    boolean is5xxServerError();

    boolean isError();

    static HttpStatusCode valueOf(int code) {
        throw new UnsupportedOperationException("stub");
    }
}
