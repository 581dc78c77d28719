package org.springframework.http;

public enum HttpStatus implements HttpStatusCode {
    OK(200, "OK"),
    CREATED(201, "Created"),
    NO_CONTENT(204, "No Content"),
    BAD_REQUEST(400, "Bad Request"),
    NOT_FOUND(404, "Not Found"),
    CONFLICT(409, "Conflict"),
    INTERNAL_SERVER_ERROR(500, "Internal Server Error");

    private final int value;
    private final String reasonPhrase;

    HttpStatus(int value, String reasonPhrase) {
        this.value = value;
        this.reasonPhrase = reasonPhrase;
    }

    @Override
    public int value() {
        return this.value;
    }

    public String getReasonPhrase() {
        return this.reasonPhrase;
    }

    @Override
    public boolean is2xxSuccessful() {
        return value / 100 == 2;
    }

    @Override
    public boolean is4xxClientError() {
        return value / 100 == 4;
    }

    @Override
    public boolean is5xxServerError() {
        return value / 100 == 5;
    }

    @Override
    public boolean isError() {
        return value >= 400;
    }
}
