package org.springframework.http;

import org.springframework.util.MimeType;

public class MediaType extends MimeType {
    public static final MediaType ALL = new MediaType("*", "*");
    public static final MediaType APPLICATION_JSON = new MediaType("application", "json");
    public static final String APPLICATION_JSON_VALUE = "application/json";
    public static final MediaType TEXT_PLAIN = new MediaType("text", "plain");

    public MediaType(String type, String subtype) {
        super(type, subtype);
    }

    public static MediaType parseMediaType(String mediaType) {
        throw new UnsupportedOperationException("stub");
    }
}
