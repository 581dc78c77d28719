package org.springframework.util;

import java.io.Serializable;

public class MimeType implements Comparable<MimeType>, Serializable {
    public MimeType(String type, String subtype) {
    }

    public String getType() {
        return null;
    }

    public String getSubtype() {
        return null;
    }

    @Override
    public int compareTo(MimeType other) {
        return 0;
    }
}
