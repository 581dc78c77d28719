package org.springframework.http;

import java.net.URI;
import org.jspecify.annotations.Nullable;

public class ResponseEntity<T> extends HttpEntity<T> {
    public ResponseEntity(HttpStatusCode status) {
    }

    public ResponseEntity(@Nullable T body, HttpStatusCode status) {
    }

    public HttpStatusCode getStatusCode() {
        return null;
    }

    public static BodyBuilder status(HttpStatusCode status) {
        throw new UnsupportedOperationException("stub");
    }

    public static BodyBuilder status(int status) {
        throw new UnsupportedOperationException("stub");
    }

    public static BodyBuilder ok() {
        throw new UnsupportedOperationException("stub");
    }

    public static <T> ResponseEntity<T> ok(@Nullable T body) {
        throw new UnsupportedOperationException("stub");
    }

    public static BodyBuilder created(URI location) {
        throw new UnsupportedOperationException("stub");
    }

    public static HeadersBuilder<?> noContent() {
        throw new UnsupportedOperationException("stub");
    }

    public static BodyBuilder badRequest() {
        throw new UnsupportedOperationException("stub");
    }

    public static HeadersBuilder<?> notFound() {
        throw new UnsupportedOperationException("stub");
    }

    public interface HeadersBuilder<B extends HeadersBuilder<B>> {
        B header(String headerName, String... headerValues);

        B location(URI location);

        <T> ResponseEntity<T> build();
    }

    public interface BodyBuilder extends HeadersBuilder<BodyBuilder> {
        BodyBuilder contentLength(long contentLength);

        BodyBuilder contentType(MediaType contentType);

        <T> ResponseEntity<T> body(@Nullable T body);
    }
}
